namespace Orleans.Kinesis.Actors.Diagnostics;

/// <summary>All event ids logged by the actor host.</summary>
internal static class ActorEventIds
{
    public const int LongTurn = 1001;
    public const int TurnFailed = 1002;
    public const int ActivationFailed = 1101;
    public const int DeactivationFailed = 1102;
    public const int Activated = 1103;
    public const int Deactivated = 1104;
    public const int TimerCallbackFailed = 1201;
    public const int ShuttingDown = 1301;
    public const int StreamSubscriptionFailed = 1401;
}
