namespace Orleans.Kinesis.Actors.Scheduling;

/// <summary>A piece of work that runs as one turn on an activation's scheduler.</summary>
internal interface IActivationWorkItem
{
    void Execute();
}
