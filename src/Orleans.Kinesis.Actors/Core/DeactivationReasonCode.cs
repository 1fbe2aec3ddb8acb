namespace Orleans.Kinesis.Actors.Core;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    None,
    IdleTimeout,
    ApplicationRequested,
    ShuttingDown,
    ActivationFailed,
}
