using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>The service's rules for retention, tags and shard-level metrics, applied to a stream's state.</summary>
internal static class StreamSettings
{
    public const int MinRetentionHours = 24;
    public const int MaxRetentionHours = 8760;
    public const int MaxTags = 50;

    /// <summary>The seven shard-level metrics, in the order the service lists them.</summary>
    public static readonly string[] AllMetrics =
    [
        "IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
        "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds",
    ];

    public static void CheckRetention(StreamState state, int hours, bool increase, string account)
    {
        if (hours < MinRetentionHours)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Minimum allowed retention period is {MinRetentionHours} hours. Requested retention period ({hours} hours) is too short."));
        }

        if (hours > MaxRetentionHours)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Maximum allowed retention period is {MaxRetentionHours} hours. Requested retention period ({hours} hours) is too long."));
        }

        var current = state.RetentionPeriodHours;
        if (increase && hours < current)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Requested retention period ({hours} hours) for stream {state.Name} can not be shorter than existing retention period ({current} hours). Use DecreaseRetentionPeriod API."));
        }

        if (!increase && hours > current)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Requested retention period ({hours} hours) for stream {state.Name} can not be longer than existing retention period ({current} hours). Use IncreaseRetentionPeriod API."));
        }

        _ = account;
    }

    public static void AddTags(StreamState state, IReadOnlyDictionary<string, string> tags, string account)
    {
        var added = 0;
        foreach (var key in tags.Keys)
        {
            added += state.Tags.ContainsKey(key) ? 0 : 1;
        }

        if (state.Tags.Count + added > MaxTags)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Failed to add tags to stream {state.Name} under account {account} because a given stream cannot have more than {MaxTags} tags associated with it."));
        }

        foreach (var (key, value) in tags)
        {
            state.Tags[key] = value;
        }
    }

    public const int MaxModeSwitchesPerDay = 2;

    /// <summary>
    /// Whether a switch to <paramref name="mode"/> changes anything; LimitExceededException past two switches in a
    /// rolling 24 hours. Forgets switches older than that.
    /// </summary>
    public static bool CheckModeSwitch(StreamState state, string mode, long nowMs, string account)
    {
        if (state.Mode == mode)
        {
            return false;
        }

        state.ModeSwitchesMs.RemoveAll(switched => nowMs - switched >= 24 * 3_600_000L);
        if (state.ModeSwitchesMs.Count >= MaxModeSwitchesPerDay)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Stream {state.Name} under account {account} has already switched its capacity mode {MaxModeSwitchesPerDay} times in the last 24 hours."));
        }

        return true;
    }

    /// <summary>Applies Enable/DisableEnhancedMonitoring; <c>ALL</c> stands for the seven metrics.</summary>
    public static (string[] Before, string[] After) ChangeMetrics(StreamState state, IReadOnlyList<string> metrics, bool enable)
    {
        var before = Ordered(state.ShardLevelMetrics);
        var set = new HashSet<string>(state.ShardLevelMetrics, StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var names = metric == "ALL" ? AllMetrics : [metric];
            foreach (var name in names)
            {
                if (enable)
                {
                    set.Add(name);
                }
                else
                {
                    set.Remove(name);
                }
            }
        }

        var after = Ordered(set);
        state.ShardLevelMetrics = [.. after];
        return (before, after);
    }

    private static string[] Ordered(IEnumerable<string> metrics)
    {
        var set = new HashSet<string>(metrics, StringComparer.Ordinal);
        return Array.FindAll(AllMetrics, set.Contains);
    }
}
