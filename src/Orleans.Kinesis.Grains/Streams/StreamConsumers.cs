using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>The service's rules for registered consumers, applied to a stream's state.</summary>
internal static class StreamConsumers
{
    public const int MaxTags = 50;

    public static ConsumerRecord Register(StreamState state, string name, IReadOnlyDictionary<string, string>? tags, long nowMs, KinesisServiceOptions options)
    {
        var creating = 0;
        foreach (var existing in state.Consumers)
        {
            if (string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                throw KinesisErrors.ConsumerAlreadyExists(name, state.Name, options.AccountId);
            }

            creating += existing.Status == nameof(ConsumerStatus.Creating) ? 1 : 0;
        }

        if (state.Consumers.Count >= options.MaxConsumersPerStream)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Stream {state.Name} under account {options.AccountId} already has {state.Consumers.Count} registered consumers, the limit is {options.MaxConsumersPerStream}."));
        }

        if (creating >= options.MaxCreatingConsumers)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Stream {state.Name} under account {options.AccountId} already has {creating} consumers in CREATING state, the limit is {options.MaxCreatingConsumers}."));
        }

        var record = new ConsumerRecord
        {
            Name = name,
            Arn = string.Create(CultureInfo.InvariantCulture, $"{options.StreamArn(state.Name)}/consumer/{name}:{ArnSecond(state, name, nowMs)}"),
            Status = nameof(ConsumerStatus.Creating),
            CreatedTimeMs = nowMs,
            StatusChangedMs = nowMs,
        };
        if (tags is not null)
        {
            foreach (var (key, value) in tags)
            {
                record.Tags[key] = value;
            }
        }

        state.Consumers.Add(record);
        return record;
    }

    /// <summary>The consumer of this name (and ARN, when given); RNF naming what the caller gave.</summary>
    public static ConsumerRecord Find(StreamState state, string name, string? arn, string account)
    {
        foreach (var consumer in state.Consumers)
        {
            if (string.Equals(consumer.Name, name, StringComparison.Ordinal)
                && (arn is null || string.Equals(consumer.Arn, arn, StringComparison.Ordinal)))
            {
                return consumer;
            }
        }

        throw KinesisErrors.ConsumerNotFound(arn ?? name, state.Name, account);
    }

    public static ConsumerRecord FindByArn(StreamState state, string arn, string account)
    {
        foreach (var consumer in state.Consumers)
        {
            if (string.Equals(consumer.Arn, arn, StringComparison.Ordinal))
            {
                return consumer;
            }
        }

        throw KinesisErrors.ConsumerNotFound(arn, state.Name, account);
    }

    public static void AddTags(ConsumerRecord consumer, IReadOnlyDictionary<string, string> tags)
    {
        var added = 0;
        foreach (var key in tags.Keys)
        {
            added += consumer.Tags.ContainsKey(key) ? 0 : 1;
        }

        if (consumer.Tags.Count + added > MaxTags)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Failed to add tags to consumer {consumer.Arn} because a given consumer cannot have more than {MaxTags} tags associated with it."));
        }

        foreach (var (key, value) in tags)
        {
            consumer.Tags[key] = value;
        }
    }

    /// <summary>
    /// Turns CREATING consumers ACTIVE and removes DELETING ones once <paramref name="delay"/> has passed since their
    /// last change. Returns the names changed and when the next pending transition is due (null if none).
    /// </summary>
    public static (List<string> Activated, List<string> Removed, long? NextDueMs) Advance(StreamState state, long nowMs, TimeSpan delay)
    {
        var delayMs = (long)delay.TotalMilliseconds;
        var activated = new List<string>();
        var removed = new List<string>();
        long? next = null;
        for (var i = state.Consumers.Count - 1; i >= 0; i--)
        {
            var consumer = state.Consumers[i];
            if (consumer.Status == nameof(ConsumerStatus.Active))
            {
                continue;
            }

            var due = consumer.StatusChangedMs + delayMs;
            if (due > nowMs)
            {
                next = next is { } n ? Math.Min(n, due) : due;
            }
            else if (consumer.Status == nameof(ConsumerStatus.Creating))
            {
                consumer.Status = nameof(ConsumerStatus.Active);
                consumer.StatusChangedMs = nowMs;
                activated.Add(consumer.Name);
            }
            else
            {
                state.Consumers.RemoveAt(i);
                removed.Add(consumer.Name);
            }
        }

        return (activated, removed, next);
    }

    public static ConsumerSnapshot Snapshot(ConsumerRecord consumer)
        => new(
            consumer.Name,
            consumer.Arn,
            Enum.Parse<ConsumerStatus>(consumer.Status),
            consumer.CreatedTimeMs,
            new Dictionary<string, string>(consumer.Tags, StringComparer.Ordinal));

    /// <summary>The epoch second for a new ARN: the current one, or one past the last ARN of the same name if that is not older.</summary>
    private static long ArnSecond(StreamState state, string name, long nowMs)
    {
        var second = Math.DivRem(nowMs, 1000, out var rest) - (rest < 0 ? 1 : 0);
        var recent = state.RecentConsumerArnSeconds;
        foreach (var (key, value) in recent.ToArray())
        {
            if (value < second)
            {
                recent.Remove(key);
            }
        }

        if (recent.TryGetValue(name, out var last) && last >= second)
        {
            second = last + 1;
        }

        recent[name] = second;
        return second;
    }
}
