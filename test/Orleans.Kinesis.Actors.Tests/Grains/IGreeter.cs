namespace Orleans.Kinesis.Actors.Tests.Grains;

/// <summary>A base interface, to prove inherited grain methods dispatch.</summary>
public interface IGreeter
{
    Task<string> HelloAsync(string name);
}
