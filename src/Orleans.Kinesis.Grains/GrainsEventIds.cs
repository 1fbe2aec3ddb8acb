namespace Orleans.Kinesis.Grains;

/// <summary>Event ids of the grains' log messages, in one place.</summary>
internal static class GrainsEventIds
{
    public const int StreamCreating = 3001;
    public const int StreamActive = 3002;
    public const int StreamDeleting = 3003;
    public const int StreamDeleted = 3004;
    public const int ConsumerRegistered = 3005;
    public const int ConsumerActive = 3006;
    public const int ConsumerDeregistering = 3007;
    public const int ConsumerRemoved = 3008;
    public const int StreamResharded = 3009;
    public const int HotShardSplit = 3010;
    public const int HotShardReportFailed = 3104;
    public const int ShardLogOpened = 3101;
    public const int ShardDeleted = 3102;
    public const int ShardClosed = 3103;
    public const int ShardAppendsPublishFailed = 3105;
    public const int ShardAppendsArmFailed = 3106;
    public const int FanOutDeliveryFailed = 3201;
    public const int DeliveryStreamCreated = 3211;
    public const int DeliveryStreamDeleted = 3212;
    public const int DeliveryFailed = 3213;
    public const int DeliveryReminderFailed = 3214;
    public const int DeliveryListFailed = 3215;
    public const int DeliveryResumeFailed = 3216;
}
