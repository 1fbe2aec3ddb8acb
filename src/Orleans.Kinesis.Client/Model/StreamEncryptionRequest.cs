namespace Orleans.Kinesis.Client.Model;

public sealed record StreamEncryptionRequest : StreamRequest
{
    public string EncryptionType { get; init; } = "KMS";

    public required string KeyId { get; init; }
}
