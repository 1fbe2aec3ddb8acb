namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain
{
}

/// <summary>A grain identified by its interface and a string key.</summary>
public interface IGrainWithStringKey : IGrain
{
}
