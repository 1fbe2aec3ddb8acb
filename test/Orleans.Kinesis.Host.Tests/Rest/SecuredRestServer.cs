namespace Orleans.Kinesis.Host.Tests.Rest;

/// <summary>A server that verifies signatures: one access key and one REST bearer token.</summary>
public sealed class SecuredRestServer : RestServer
{
    public const string AccessKeyId = "AKIDREST";
    public const string SecretAccessKey = "rest-secret-key";
    public const string Token = "console-token-1";

    protected override void Configure(KinesisHostOptions options)
    {
        options.AccessKeys[AccessKeyId] = SecretAccessKey;
        options.ApiTokens.Add(Token);
    }
}
