using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Http;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Client;

/// <summary><see cref="KinesisClientOptions.UseCbor"/> against the server, with the wire traffic recorded.</summary>
[Collection(ServerCollection.Name)]
[Trait("Suite", "Client")]
public sealed class CborProtocolTests(ServerFixture server)
{
    [Fact]
    public async Task UseCbor_PutAndGetRecords_TravelAsCborAndRoundTripEveryByte()
    {
        var (client, wire) = CreateCborClient();
        using var _ = client;
        var stream = await TestClients.CreateActiveStreamAsync(server.Client, "cbor", 1);
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var single = await client.PutRecordAsync(new PutRecordRequest { StreamName = stream, PartitionKey = "p", Data = allBytes });
        var batch = await client.PutRecordsAsync(new PutRecordsRequest
        {
            StreamName = stream,
            Records = [new PutRecordsRequestEntry { PartitionKey = "p", Data = [0, 0xff, 0x7b] }, new PutRecordsRequestEntry { PartitionKey = "q", Data = "{}"u8.ToArray() }],
        });
        var iterator = (await client.GetShardIteratorAsync(new GetShardIteratorRequest { StreamName = stream, ShardId = single.ShardId, ShardIteratorType = ShardIteratorTypes.TrimHorizon })).ShardIterator!;
        var read = await client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator });

        Assert.Equal(0, batch.FailedRecordCount ?? 0);
        Assert.Equal([allBytes, [0, 0xff, 0x7b], "{}"u8.ToArray()], read.Records.Select(r => r.Data));
        Assert.Equal(single.SequenceNumber, read.Records[0].SequenceNumber);
        Assert.All(read.Records, r => Assert.InRange(r.ApproximateArrivalTimestamp!.Value, before, DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.NotNull(read.NextShardIterator);

        Assert.All(wire.Calls.Where(c => c.Target is "PutRecord" or "PutRecords" or "GetRecords"), c =>
        {
            Assert.Equal("application/x-amz-cbor-1.1", c.RequestType);
            Assert.Equal(5, c.FirstRequestByte >> 5); // a CBOR map, not '{'
            Assert.Equal("application/x-amz-cbor-1.1", c.ResponseType);
        });
        Assert.Equal(3, wire.Calls.Count(c => c.RequestType == "application/x-amz-cbor-1.1"));
        Assert.Equal("application/x-amz-json-1.1", wire.Calls.Single(c => c.Target == "GetShardIterator").RequestType);
    }

    [Fact]
    public async Task UseCbor_ErrorAnsweredInCbor_IsThrownAsTheTypedException()
    {
        var (client, _) = CreateCborClient();
        using var __ = client;

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.PutRecordAsync(new PutRecordRequest { StreamName = "no-such-stream-cbor", PartitionKey = "p", Data = [1] }));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Contains("no-such-stream-cbor", error.ErrorMessage, StringComparison.Ordinal);
    }

    private (KinesisClient Client, WireRecorder Wire) CreateCborClient()
    {
        var options = TestClients.Options(server.Endpoint);
        options.UseCbor = true;
        options.MaxRetries = 0;
        var wire = new WireRecorder { InnerHandler = KinesisHttp.CreatePrimaryHandler() };
        var signing = new SigV4SigningHandler(options.ResolveCredentials, options.Region, TimeProvider.System) { InnerHandler = wire };
        return (new KinesisClient(new HttpClient(signing), options, ownsHttp: true), wire);
    }

    private sealed class WireRecorder : DelegatingHandler
    {
        public List<(string Target, string? RequestType, byte FirstRequestByte, string? ResponseType)> Calls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            var target = request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1];
            lock (Calls)
            {
                Calls.Add((target, request.Content.Headers.ContentType?.MediaType, body[0], response.Content.Headers.ContentType?.MediaType));
            }

            return response;
        }
    }
}
