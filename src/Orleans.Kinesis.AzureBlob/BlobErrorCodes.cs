namespace Orleans.Kinesis.AzureBlob;

/// <summary>The <c>x-ms-error-code</c> values the product reacts to.</summary>
public static class BlobErrorCodes
{
    public const string BlobNotFound = "BlobNotFound";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string BlobAlreadyExists = "BlobAlreadyExists";
    public const string ConditionNotMet = "ConditionNotMet";
    public const string AppendPositionConditionNotMet = "AppendPositionConditionNotMet";
    public const string MaxBlobSizeConditionNotMet = "MaxBlobSizeConditionNotMet";
    public const string BlockCountExceedsLimit = "BlockCountExceedsLimit";
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";
    public const string LeaseIdMissing = "LeaseIdMissing";
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";
    public const string LeaseNotPresentWithBlobOperation = "LeaseNotPresentWithBlobOperation";
    public const string LeaseLost = "LeaseLost";
}
