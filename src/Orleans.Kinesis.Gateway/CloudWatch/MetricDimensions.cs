namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The dimensions of a series, as the instruments tag them: a stream or delivery stream name first and at most one
/// more (ShardId or ConsumerName). A value type, so looking a series up by its tags allocates nothing.
/// </summary>
public readonly record struct MetricDimensions(string Name1, string Value1, string? Name2, string? Value2)
{
    public int Count => Name2 is null ? 1 : 2;

    public IEnumerable<KeyValuePair<string, string>> All()
    {
        yield return new(Name1, Value1);
        if (Name2 is not null)
        {
            yield return new(Name2, Value2!);
        }
    }

    public string? Find(string name) => name == Name1 ? Value1 : name == Name2 ? Value2 : null;

    /// <summary>Whether these are exactly the given dimensions, in any order.</summary>
    public bool EqualsSet(IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        if (dimensions.Count != Count)
        {
            return false;
        }

        foreach (var (name, value) in dimensions)
        {
            if (Find(name) != value)
            {
                return false;
            }
        }

        return true;
    }
}
