using System.Text;
using BenchmarkDotNet.Attributes;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.MicroBenchmarks;

/// <summary>Parsing and validating a PutRecords body of 500 × 1 KiB records (the copy restores the in-place-decoded body).</summary>
[MemoryDiagnoser]
public class PutRecordsParseBenchmark
{
    private byte[] _original = [];
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var data = new byte[1024];
        var json = new StringBuilder("{\"StreamName\":\"bench\",\"Records\":[");
        for (var i = 0; i < 500; i++)
        {
            random.NextBytes(data);
            json.Append(i == 0 ? "" : ",").Append("{\"Data\":\"").Append(Convert.ToBase64String(data)).Append("\",\"PartitionKey\":\"pk-").Append(i).Append("\"}");
        }

        _original = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        _body = new byte[_original.Length];
    }

    [Benchmark]
    public int ParseAndValidate()
    {
        _original.CopyTo(_body, 0);
        var request = PutRecordsReader.ReadPutRecords(_body, _body.Length);
        PutValidation.ValidateModel(request, single: false);
        PutValidation.ValidateLimits(request, 1024, "bench");
        return request.Count;
    }
}
