using Orleans.Kinesis.Storage.Logs;

namespace Orleans.Kinesis.Storage.Options;

/// <summary>The process-wide hot-tail memory budget of the shard logs.</summary>
public sealed class HotTailOptions
{
    /// <summary>Bytes all hot tails together may hold; null sizes it for the machine (<see cref="HotTailBudget.DefaultCapacityBytes"/>).</summary>
    public long? BudgetBytes { get; set; }
}
