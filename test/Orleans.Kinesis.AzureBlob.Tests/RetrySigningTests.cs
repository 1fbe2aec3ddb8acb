namespace Orleans.Kinesis.AzureBlob.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Provider", "Blob")]
public sealed class RetrySigningTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task RetriedRequest_IsSignedAgain_WithTheTimeOfTheRetry()
    {
        var transport = new FlakyTransport();
        var clock = new SteppingClock();
        var options = new AzureBlobClientOptions { Transport = transport, TimeProvider = clock };
        var client = new AzureBlobClient(BlobConnection.Parse(fixture.Azurite.ConnectionString), options);

        Assert.True(await client.CreateContainerIfNotExistsAsync("r" + Guid.NewGuid().ToString("N"), CancellationToken.None));

        Assert.Equal(2, transport.Attempts.Count);
        Assert.NotEqual(transport.Attempts[0].Date, transport.Attempts[1].Date);
        Assert.NotEqual(transport.Attempts[0].Authorization, transport.Attempts[1].Authorization);
        Assert.All(transport.Attempts, a => Assert.StartsWith("SharedKey devstoreaccount1:", a.Authorization, StringComparison.Ordinal));
    }

    /// <summary>Each reading of the clock is one second later than the last.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _seconds;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddSeconds(Interlocked.Increment(ref _seconds));
    }
}
