namespace Orleans.Kinesis.Client.Model;

/// <summary>The values of <c>ShardIteratorType</c> and of <c>StartingPosition.Type</c>.</summary>
public static class ShardIteratorTypes
{
    public const string AtSequenceNumber = "AT_SEQUENCE_NUMBER";
    public const string AfterSequenceNumber = "AFTER_SEQUENCE_NUMBER";
    public const string TrimHorizon = "TRIM_HORIZON";
    public const string Latest = "LATEST";
    public const string AtTimestamp = "AT_TIMESTAMP";
}
