using Orleans.Kinesis.Cluster.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Cluster.Tests.DataStreams;

/// <summary>Nodes die (SIGKILL) or are replaced one by one (SIGINT) under load: no acknowledged record is lost.</summary>
[Trait("Area", "Cluster")]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ProgressBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KillNineUnderEightWriters_EveryAcknowledgedRecordStaysOnceInOrder_AndWritesResume()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var stream = await Streams.CreateActiveAsync(cluster.Http(0), "kill", 8);

        // The victim is the node holding the most shards; the writers talk only to the other two.
        await using (var warmUp = await WriteLoad.StartAsync(cluster, cluster.Http(0), stream, () => [cluster.Node(0).Endpoint]))
        {
            await warmUp.WaitForProgressAsync(1, ProgressBound, "activating every shard");
        }

        var placement = await cluster.ActivationsAsync("shard");
        var victim = Array.IndexOf(placement, placement.Max());
        int[] survivors = [.. Enumerable.Range(0, 3).Where(i => i != victim)];
        output.WriteLine($"shard activations per node: {string.Join(" / ", placement)}; killing node {victim}");
        Uri[] endpoints = [.. survivors.Select(i => cluster.Node(i).Endpoint)];
        await using var load = await WriteLoad.StartAsync(cluster, cluster.Http(survivors[0]), stream, () => endpoints);
        await load.WaitForProgressAsync(20, ProgressBound, "before the kill");

        var killedAt = load.Clock.Elapsed;
        await cluster.KillNodeAsync(victim);
        await load.WaitForProgressAsync(20, ProgressBound, $"after killing node {victim}");
        await load.StopAsync();

        // Time to resume: per writer, from the kill to its first acknowledgement after its last failure.
        var resume = load.Writers.Select(w =>
        {
            var lastFailure = w.FailureTimes.Where(t => t > killedAt).DefaultIfEmpty(killedAt).Max();
            return w.AcknowledgedRecords.First(a => a.At > lastFailure).At - killedAt;
        }).ToArray();
        output.WriteLine($"writes resumed {resume.Max().TotalSeconds:0.0} s after kill -9 (slowest shard; per shard: {string.Join(", ", resume.Select(r => r.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} s); failures seen: {load.Writers.Sum(w => w.FailureTimes.Count)}; acknowledged: {load.Writers.Sum(w => w.AcknowledgedCount)}");
        await load.AssertEveryAcknowledgedRecordStoredOnceInOrderAsync(cluster.Http(survivors[1]), stream);
    }

    [Fact]
    public async Task RollingRestartOfAllNodesUnderLoad_LosesNoAcknowledgedRecord()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var stream = await Streams.CreateActiveAsync(cluster.Http(0), "rolling", 8);
        var live = new List<Uri> { cluster.Node(0).Endpoint, cluster.Node(1).Endpoint, cluster.Node(2).Endpoint };
        IReadOnlyList<Uri> Live()
        {
            lock (live)
            {
                return [.. live];
            }
        }

        await using var load = await WriteLoad.StartAsync(cluster, cluster.Http(0), stream, Live);
        await load.WaitForProgressAsync(10, ProgressBound, "before the restarts");
        for (var node = 0; node < cluster.Size; node++)
        {
            lock (live)
            {
                live.Remove(cluster.Node(node).Endpoint);
            }

            await cluster.StopNodeAsync(node);
            await load.WaitForProgressAsync(5, ProgressBound, $"while node {node} is down");
            await cluster.StartNodeAsync(node);
            lock (live)
            {
                live.Add(cluster.Node(node).Endpoint);
            }

            await load.WaitForProgressAsync(5, ProgressBound, $"after node {node} came back");
        }

        await load.StopAsync();
        output.WriteLine($"acknowledged {load.Writers.Sum(w => w.AcknowledgedCount)} records over the rolling restart; failed puts (retried as new records): {load.Writers.Sum(w => w.FailureTimes.Count)}");
        await load.AssertEveryAcknowledgedRecordStoredOnceInOrderAsync(cluster.Http(0), stream);
    }
}
