using Orleans.Kinesis.Storage.State;

namespace Orleans.Kinesis.Storage.Tests.State;

[Trait("Provider", "Memory")]
public sealed class MemoryStateStoreTests : StateDocumentStoreConformanceTests
{
    internal override IStateDocumentStore Storage { get; } = new MemoryStateStore();
}
