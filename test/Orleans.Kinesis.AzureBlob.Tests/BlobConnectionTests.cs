namespace Orleans.Kinesis.AzureBlob.Tests;

public sealed class BlobConnectionTests
{
    [Fact]
    public void DevelopmentStorage_PointsAtTheLocalEmulatorAccount()
    {
        var connection = BlobConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/"), connection.ServiceUri);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.True(connection.HasSharedKey);
    }

    [Fact]
    public void AccountNameAndKey_WithoutBlobEndpoint_UseTheAccountsPublicEndpoint()
    {
        var connection = BlobConnection.Parse("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), connection.ServiceUri);
        Assert.Equal("acct", connection.AccountName);
    }

    [Fact]
    public void BlobEndpoint_IsTakenAsGiven_WithATrailingSlash()
    {
        var connection = BlobConnection.Parse("AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1234/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:1234/devstoreaccount1/"), connection.ServiceUri);
    }

    [Fact]
    public void Endpoint_ForManagedIdentity_HasNoKey_AndNamesTheAccount()
    {
        var connection = BlobConnection.FromEndpoint(new Uri("https://acct.blob.core.windows.net"));

        Assert.False(connection.HasSharedKey);
        Assert.Equal("acct", connection.AccountName);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), connection.ServiceUri);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "neither BlobEndpoint nor AccountName")]
    [InlineData("AccountName=a;AccountKey=***", "not base64")]
    [InlineData("BlobEndpoint=ftp://x", "not an http(s) URL")]
    [InlineData("garbage", "Name=Value")]
    public void Malformed_ConnectionStrings_AreRejectedWithAReason(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => BlobConnection.Parse(connectionString));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
