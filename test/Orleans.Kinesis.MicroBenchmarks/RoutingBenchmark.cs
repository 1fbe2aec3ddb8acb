using System.Text;
using BenchmarkDotNet.Attributes;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Routing;

namespace Orleans.Kinesis.MicroBenchmarks;

/// <summary>MD5 routing of 500 partition keys over 4 shards.</summary>
[MemoryDiagnoser]
public class RoutingBenchmark
{
    private byte[][] _keys = [];
    private ShardDescriptor[] _shards = [];

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, 500).Select(i => Encoding.UTF8.GetBytes("partition-key-" + i)).ToArray();
        _shards = HashKeyRange.EvenSplit(4).Select((range, i) => new ShardDescriptor(i, range, null, null, 0, null)).ToArray();
    }

    [Benchmark]
    public int Route500()
    {
        var sum = 0;
        foreach (var key in _keys)
        {
            sum += ShardRouter.Find(_shards, HashKeyRange.HashPartitionKey(key));
        }

        return sum;
    }
}
