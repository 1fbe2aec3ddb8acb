namespace Orleans.Kinesis.Actors.Streams;

/// <summary>In-process publish/subscribe streams, identified by item type and stream id.</summary>
public interface IStreamProvider
{
    IAsyncStream<T> GetStream<T>(string streamId);
}
