namespace Orleans.Kinesis.Gateway;

/// <summary>Event ids of the gateway's log messages, in one place.</summary>
internal static class GatewayEventIds
{
    public const int UnhandledFailure = 1001;
    public const int ShardCallFailed = 1002;
    public const int NodeUnavailable = 1003;
    public const int RestOperationFailed = 1101;
    public const int RestNodeUnavailable = 1102;
    public const int MetricsRestored = 1301;
    public const int MetricArchiveFailed = 1302;
    public const int NotReady = 1303;
    public const int OtherNodesMetricsFailed = 1304;
}
