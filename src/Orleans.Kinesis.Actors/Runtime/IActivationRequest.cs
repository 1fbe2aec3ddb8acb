using Orleans.Kinesis.Actors.Scheduling;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>An entry of an activation's mailbox: a grain call or a timer tick.</summary>
internal interface IActivationRequest : IActivationWorkItem
{
    /// <summary>True when the request may start while other requests are suspended at an await.</summary>
    bool Interleave { get; }

    /// <summary>True for grain calls: they keep the activation alive and are forwarded if it deactivates first.</summary>
    bool IsGrainCall { get; }

    /// <summary>Binds the request to the activation that will run it, before it is posted.</summary>
    void Bind(ActivationData activation);

    /// <summary>Fails the request without running it.</summary>
    void Reject(Exception exception);
}
