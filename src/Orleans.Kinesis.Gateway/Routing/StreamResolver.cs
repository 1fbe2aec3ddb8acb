using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Routing;

/// <summary>
/// Resolves the stream an operation addresses (StreamName and/or StreamARN) and keeps a short-lived cache of stream
/// snapshots, so the data path does not call the stream grain on every request. Only settled snapshots (ACTIVE or
/// UPDATING) are cached; the cache is dropped for a stream whenever a shard call fails or the stream changes here.
/// </summary>
public sealed class StreamResolver
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly KinesisServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedSnapshot> _cache = new(StringComparer.Ordinal);

    public StreamResolver(IGrainFactory grains, IOptions<KinesisServiceOptions> options, TimeProvider time)
    {
        _grains = grains;
        _options = options.Value;
        _time = time;
    }

    public KinesisServiceOptions Options => _options;

    public string Account => _options.AccountId;

    /// <summary>Validates the StreamName/StreamARN members into <paramref name="errors"/>.</summary>
    public static void Validate(ValidationErrors errors, string? streamName, string? streamArn)
    {
        errors.StreamName(streamName);
        errors.StreamArn(streamArn);
    }

    /// <summary>The name of the addressed stream; throws as the service does when it cannot be one of this account's.</summary>
    public string ResolveName(string? streamName, string? streamArn)
    {
        if (streamArn is null)
        {
            return streamName ?? throw KinesisErrors.InvalidArgumentError("Either StreamName or StreamARN must be provided.");
        }

        var slash = streamArn.IndexOf(":stream/", StringComparison.Ordinal);
        var fromArn = streamArn[(slash + ":stream/".Length)..];
        if (!string.Equals(streamArn[..slash], $"arn:aws:kinesis:{_options.Region}:{_options.AccountId}", StringComparison.Ordinal)
            || !Patterns.IsName(fromArn))
        {
            throw KinesisErrors.StreamNotFound(fromArn, ArnAccount(streamArn));
        }

        if (streamName is not null && !string.Equals(streamName, fromArn, StringComparison.Ordinal))
        {
            throw KinesisErrors.InvalidArgumentError($"StreamName {streamName} and StreamARN {streamArn} do not refer to the same stream.");
        }

        return fromArn;
    }

    public IStreamGrain Grain(string streamName) => _grains.GetGrain<IStreamGrain>(streamName);

    /// <summary>The snapshot of an existing stream; ResourceNotFoundException when there is none.</summary>
    public async ValueTask<StreamSnapshot> GetAsync(string streamName)
        => await TryGetAsync(streamName) ?? throw KinesisErrors.StreamNotFound(streamName, Account);

    public async ValueTask<StreamSnapshot?> TryGetAsync(string streamName)
        => (await TryGetRoutingAsync(streamName))?.Snapshot;

    /// <summary>The routing view of a stream, or null when it does not exist.</summary>
    public ValueTask<StreamRouting?> TryGetRoutingAsync(string streamName)
    {
        if (_cache.TryGetValue(streamName, out var cached) && _time.GetTimestamp() < cached.ExpiresAt)
        {
            return new ValueTask<StreamRouting?>(cached.Routing);
        }

        return FetchAsync(streamName);
    }

    public void Invalidate(string streamName) => _cache.TryRemove(streamName, out _);

    /// <summary>
    /// Drops the cached routing and fetches it once the stream grain has finished the change it is making (a shard
    /// answered that it closed, so a reshard is in progress or just done).
    /// </summary>
    public async ValueTask<StreamRouting?> RefreshSettledAsync(string streamName)
    {
        _cache.TryRemove(streamName, out _);
        return Cache(streamName, await Grain(streamName).GetSettledSnapshotAsync());
    }

    private async ValueTask<StreamRouting?> FetchAsync(string streamName)
        => Cache(streamName, await Grain(streamName).GetSnapshotAsync());

    private StreamRouting? Cache(string streamName, StreamSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            _cache.TryRemove(streamName, out _);
            return null;
        }

        var routing = new StreamRouting(snapshot);
        if (snapshot.Status is StreamStatus.Active or StreamStatus.Updating)
        {
            var expires = _time.GetTimestamp() + (long)(CacheLifetime.TotalSeconds * _time.TimestampFrequency);
            _cache[streamName] = new CachedSnapshot(routing, expires);
        }
        else
        {
            _cache.TryRemove(streamName, out _);
        }

        return routing;
    }

    private static string ArnAccount(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 4 ? parts[4] : string.Empty;
    }

    private readonly record struct CachedSnapshot(StreamRouting Routing, long ExpiresAt);
}
