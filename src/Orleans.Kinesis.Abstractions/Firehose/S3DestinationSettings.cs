namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// An (Extended)S3 destination as configured, with AWS's defaults filled in. The bucket ARN's bucket names the
/// object-store container the records are delivered to.
/// </summary>
public sealed class S3DestinationSettings
{
    public const int DefaultSizeInMBs = 5;
    public const int DefaultIntervalInSeconds = 300;

    /// <summary>True when created as ExtendedS3DestinationConfiguration (described as ExtendedS3DestinationDescription too).</summary>
    public bool Extended { get; set; }

    public string RoleArn { get; set; } = "";

    public string BucketArn { get; set; } = "";

    public string? Prefix { get; set; }

    public string? ErrorOutputPrefix { get; set; }

    public int SizeInMBs { get; set; } = DefaultSizeInMBs;

    public int IntervalInSeconds { get; set; } = DefaultIntervalInSeconds;

    /// <summary>UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY.</summary>
    public string CompressionFormat { get; set; } = "UNCOMPRESSED";

    /// <summary>The KMS key of <c>KMSEncryptionConfig</c>, or null for <c>NoEncryption</c>.</summary>
    public string? KmsKeyArn { get; set; }

    public bool CloudWatchLoggingEnabled { get; set; }

    public string? LogGroupName { get; set; }

    public string? LogStreamName { get; set; }

    public ProcessingSettings? Processing { get; set; }

    public string S3BackupMode { get; set; } = "Disabled";

    public string? FileExtension { get; set; }

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
