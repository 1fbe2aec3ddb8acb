using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>The conformance suite with the hot tail off, so every read goes to the segment files.</summary>
[Trait("Provider", "File")]
public sealed class FileRecordLogWithoutHotTailTests : RecordLogConformanceTests, IDisposable
{
    private readonly FileLogHarness _harness = new();

    protected override IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes) =>
        _harness.CreateStore(segmentMaxBytes, hotTailBytes: 0);

    public void Dispose() => _harness.Dispose();
}
