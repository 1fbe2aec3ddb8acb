namespace Orleans.Streaming.Kinesis.Tests.Grains;

[Alias("Orleans.Streaming.Kinesis.Tests.IRecordSinkGrain")]
public interface IRecordSinkGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}
