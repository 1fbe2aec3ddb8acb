using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Throttling;

/// <summary>
/// The service's control-plane call rates (transactions per second per account, or per stream where AWS says so),
/// as token buckets with one second of burst on the injected clock. A call over its rate gets LimitExceededException
/// before it is handled. Operations AWS gives no rate (the data plane, tagging by ARN, encryption, …) are not limited.
/// Per-stream buckets exist only for valid stream names (an invalid one is refused by the handler anyway), and a bucket
/// idle for a second is full again, so it is dropped: the table holds at most the streams called in the last second,
/// and never more than <see cref="MaxBuckets"/> entries (beyond that, new streams go unlimited until entries expire).
/// </summary>
public sealed class ControlPlaneLimits
{
    /// <summary>Most buckets kept at once.</summary>
    public const int MaxBuckets = 16_384;

    private const long IdleMs = 1000;
    private static readonly (int Rate, bool PerStream)[] Rates = BuildRates();

    private readonly bool _enabled;
    private readonly string _account;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(KinesisOperation Operation, string Scope), Bucket> _buckets = new();
    private long _sweptMs;

    public ControlPlaneLimits(IOptions<GatewayOptions> gateway, IOptions<KinesisServiceOptions> service, TimeProvider time)
    {
        _enabled = gateway.Value.ControlPlaneLimits;
        _account = service.Value.AccountId;
        _time = time;
    }

    /// <summary>The rate (calls per second) AWS allows an operation, or 0 when it has none here.</summary>
    public static int RateOf(KinesisOperation operation) => Rates[(int)operation].Rate;

    /// <summary>LimitExceededException when the call is over its rate (and counts it otherwise); null to go on.</summary>
    public KinesisException? Check(KinesisOperation operation, ReadOnlySpan<byte> body)
    {
        var (rate, perStream) = Rates[(int)operation];
        if (!_enabled || rate == 0)
        {
            return null;
        }

        var stream = StreamOf(body);
        if (stream is not null && (stream.Length > 128 || !Patterns.IsName(stream)))
        {
            if (perStream)
            {
                return null; // not a stream name: the handler answers ValidationException, and no bucket is kept for it
            }

            stream = null; // nor is it echoed
        }

        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = (operation, perStream ? stream ?? string.Empty : string.Empty);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (_buckets.Count >= MaxBuckets / 2 && nowMs - Interlocked.Read(ref _sweptMs) >= IdleMs)
            {
                Interlocked.Exchange(ref _sweptMs, nowMs);
                DropIdle(nowMs);
            }

            if (_buckets.Count >= MaxBuckets)
            {
                return null;
            }

            bucket = _buckets.GetOrAdd(key, static _ => new Bucket());
        }

        if (bucket.TryTake(rate, nowMs))
        {
            return null;
        }

        return KinesisErrors.LimitExceededError(stream is null
            ? $"Rate exceeded for {operation} under account {_account}."
            : $"Rate exceeded for stream {stream} under account {_account}.");
    }

    /// <summary>How many buckets are kept (for tests).</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Drops buckets idle for a second or more: they have refilled, so a new bucket behaves the same.</summary>
    private void DropIdle(long nowMs)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsIdle(nowMs, IdleMs))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The stream a control-plane request names (StreamName, or the stream part of StreamARN / ConsumerARN), if any.</summary>
    private static string? StreamOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var isName = name.SequenceEqual("StreamName"u8);
                var isArn = name.SequenceEqual("StreamARN"u8) || name.SequenceEqual("ConsumerARN"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if ((isName || isArn) && reader.TokenType == JsonTokenType.String)
                {
                    var value = reader.GetString()!;
                    return isName ? value : ArnStream(value);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed bodies are the handler's to report.
        }

        return null;
    }

    private static string? ArnStream(string arn)
    {
        var start = arn.IndexOf(":stream/", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += ":stream/".Length;
        var end = arn.IndexOf('/', start);
        return end < 0 ? arn[start..] : arn[start..end];
    }

    private static (int Rate, bool PerStream)[] BuildRates()
    {
        var rates = new (int, bool)[Enum.GetValues<KinesisOperation>().Length];
        void Set(int rate, bool perStream, params KinesisOperation[] operations)
        {
            foreach (var operation in operations)
            {
                rates[(int)operation] = (rate, perStream);
            }
        }

        Set(5, false,
            KinesisOperation.AddTagsToStream, KinesisOperation.RemoveTagsFromStream, KinesisOperation.ListTagsForStream,
            KinesisOperation.CreateStream, KinesisOperation.DeleteStream, KinesisOperation.ListStreams,
            KinesisOperation.IncreaseStreamRetentionPeriod, KinesisOperation.DecreaseStreamRetentionPeriod,
            KinesisOperation.MergeShards, KinesisOperation.SplitShard,
            KinesisOperation.EnableEnhancedMonitoring, KinesisOperation.DisableEnhancedMonitoring,
            KinesisOperation.RegisterStreamConsumer,
            KinesisOperation.DescribeAccountSettings, KinesisOperation.UpdateAccountSettings, KinesisOperation.UpdateStreamWarmThroughput);
        Set(1, false, KinesisOperation.DescribeLimits);
        Set(10, false, KinesisOperation.DescribeStream, KinesisOperation.UpdateShardCount);
        Set(20, false, KinesisOperation.DescribeStreamSummary);
        Set(1000, true, KinesisOperation.ListShards);
        Set(5, true, KinesisOperation.DeregisterStreamConsumer, KinesisOperation.ListStreamConsumers);
        Set(20, true, KinesisOperation.DescribeStreamConsumer);
        return rates;
    }

    /// <summary>A token bucket holding up to one second of calls, refilled continuously.</summary>
    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private double _tokens = double.NaN;
        private long _refilledMs;

        public bool IsIdle(long nowMs, long idleMs)
        {
            lock (_lock)
            {
                return nowMs - _refilledMs >= idleMs;
            }
        }

        public bool TryTake(int rate, long nowMs)
        {
            lock (_lock)
            {
                if (double.IsNaN(_tokens))
                {
                    _tokens = rate;
                    _refilledMs = nowMs;
                }
                else if (nowMs > _refilledMs)
                {
                    _tokens = Math.Min(rate, _tokens + ((nowMs - _refilledMs) * rate / 1000.0));
                    _refilledMs = nowMs;
                }

                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
