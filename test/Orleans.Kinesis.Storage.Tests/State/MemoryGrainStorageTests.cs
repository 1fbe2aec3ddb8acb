using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.Storage.State;

namespace Orleans.Kinesis.Storage.Tests.State;

[Trait("Provider", "Memory")]
public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage();
}
