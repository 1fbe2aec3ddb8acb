namespace Orleans.Kinesis.Actors.State;

/// <summary>A persistent state the runtime reads before OnActivateAsync.</summary>
internal interface IGrainStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
