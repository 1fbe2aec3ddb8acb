using Orleans.Kinesis.Client.Http;
using Orleans.Kinesis.Client.Json;

namespace Orleans.Kinesis.Client.Firehose;

/// <summary>A typed async client of every Firehose operation (AWS JSON 1.1, SigV4 service <c>firehose</c>).</summary>
public sealed partial class FirehoseClient : IDisposable
{
    private const string TargetPrefix = "Firehose_20150804";
    private static readonly KinesisJsonContext Ctx = KinesisJsonContext.Default;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AwsJsonTransport _transport;

    public FirehoseClient(KinesisClientOptions options)
        : this(KinesisHttp.CreateClient(options, TimeProvider.System), options, ownsHttp: true)
    {
    }

    internal FirehoseClient(HttpClient http, KinesisClientOptions options, bool ownsHttp)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _transport = new AwsJsonTransport(http, options.ResolveEndpoint("firehose"), TargetPrefix, options.RequestTimeout);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
