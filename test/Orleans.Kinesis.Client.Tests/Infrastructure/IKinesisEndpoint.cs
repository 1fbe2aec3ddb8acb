namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>A running Kinesis-compatible server on loopback: this repository's host or kinesalite.</summary>
public interface IKinesisEndpoint
{
    string Name { get; }

    Uri Endpoint { get; }

    KinesisClient Client { get; }
}
