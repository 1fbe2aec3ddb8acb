namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateMaxRecordSizeRequest
{
    public required string StreamARN { get; init; }

    public required int MaxRecordSizeInKiB { get; init; }
}
