namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// An (Extended)S3 destination as configured, with AWS's defaults filled in. The bucket ARN's bucket names the
/// object-store container the records are delivered to.
/// </summary>
[GenerateSerializer, Alias("kinesis.S3DestinationSettings")]
public sealed class S3DestinationSettings
{
    public const int DefaultSizeInMBs = 5;
    public const int DefaultIntervalInSeconds = 300;

    /// <summary>True when created as ExtendedS3DestinationConfiguration (described as ExtendedS3DestinationDescription too).</summary>
    [Id(0)]
    public bool Extended { get; set; }

    [Id(1)]
    public string RoleArn { get; set; } = "";

    [Id(2)]
    public string BucketArn { get; set; } = "";

    [Id(3)]
    public string? Prefix { get; set; }

    [Id(4)]
    public string? ErrorOutputPrefix { get; set; }

    [Id(5)]
    public int SizeInMBs { get; set; } = DefaultSizeInMBs;

    [Id(6)]
    public int IntervalInSeconds { get; set; } = DefaultIntervalInSeconds;

    /// <summary>UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY.</summary>
    [Id(7)]
    public string CompressionFormat { get; set; } = "UNCOMPRESSED";

    /// <summary>The KMS key of <c>KMSEncryptionConfig</c>, or null for <c>NoEncryption</c>.</summary>
    [Id(8)]
    public string? KmsKeyArn { get; set; }

    [Id(9)]
    public bool CloudWatchLoggingEnabled { get; set; }

    [Id(10)]
    public string? LogGroupName { get; set; }

    [Id(11)]
    public string? LogStreamName { get; set; }

    [Id(12)]
    public ProcessingSettings? Processing { get; set; }

    [Id(13)]
    public string S3BackupMode { get; set; } = "Disabled";

    [Id(14)]
    public string? FileExtension { get; set; }

    [Id(15)]
    public string? CustomTimeZone { get; set; }

    /// <summary>The container: the bucket name after <c>:::</c> in the bucket ARN.</summary>
    public string Bucket => BucketArn[(BucketArn.LastIndexOf(':') + 1)..];

    public S3DestinationSettings Clone()
    {
        var copy = (S3DestinationSettings)MemberwiseClone();
        copy.Processing = Processing?.Clone();
        return copy;
    }
}
