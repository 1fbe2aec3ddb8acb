namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>Settings of the Firehose service.</summary>
public sealed class FirehoseOptions
{
    /// <summary>HTTP transform hooks: Lambda function ARN → URL the Lambda event is POSTed to.</summary>
    public Dictionary<string, Uri> TransformEndpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>Longest a transform invocation may run (AWS: 5 minutes).</summary>
    public TimeSpan TransformTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an active delivery stream's grain timer checks its buffering hints.</summary>
    public TimeSpan DeliveryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delivery streams per account (AWS default 50).</summary>
    public int MaxDeliveryStreams { get; set; } = 50;
}
