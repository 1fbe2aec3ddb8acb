namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>Lifecycle stage of an activation.</summary>
internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
