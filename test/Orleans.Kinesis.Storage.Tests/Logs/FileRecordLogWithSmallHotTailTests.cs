using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>The conformance suite with a 4 KiB hot tail, so reads mix memory and files and hot blocks are evicted and reused all the time.</summary>
[Trait("Provider", "File")]
public sealed class FileRecordLogWithSmallHotTailTests : RecordLogConformanceTests, IDisposable
{
    private readonly FileLogHarness _harness = new();

    protected override IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes) =>
        _harness.CreateStore(segmentMaxBytes, hotTailBytes: 4096);

    public void Dispose() => _harness.Dispose();
}
