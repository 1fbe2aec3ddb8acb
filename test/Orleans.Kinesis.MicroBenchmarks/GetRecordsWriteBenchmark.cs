using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Gateway.Buffers;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.MicroBenchmarks;

/// <summary>Writing a full GetRecords response body: 10,000 records of 1 KiB.</summary>
[MemoryDiagnoser]
public class GetRecordsWriteBenchmark
{
    private RecordView[] _records = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = new byte[1024];
        new Random(7).NextBytes(data);
        var key = "partition-key-1"u8.ToArray();
        _records = Enumerable.Range(0, 10_000).Select(i => new RecordView(i, 1_705_320_000_123 + i, key, data, 0)).ToArray();
    }

    [Benchmark]
    public int Write10000()
    {
        using var buffer = new PooledBufferWriter((int)RecordsJson.EstimateBytes(_records));
        using (var writer = new Utf8JsonWriter(buffer, ResponseWriting.WriterOptions))
        {
            writer.WriteStartObject();
            RecordsJson.WriteRecords(writer, _records, 0, 12345);
            writer.WriteNumber("MillisBehindLatest"u8, 0);
            writer.WriteEndObject();
        }

        return buffer.WrittenCount;
    }
}
