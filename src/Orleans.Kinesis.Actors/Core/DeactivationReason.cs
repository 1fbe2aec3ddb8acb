namespace Orleans.Kinesis.Actors.Core;

/// <summary>The reason code and a human-readable description passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public sealed record DeactivationReason(DeactivationReasonCode Code, string Description);
