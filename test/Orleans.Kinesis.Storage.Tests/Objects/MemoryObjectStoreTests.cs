using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Storage.Tests.Objects;

[Trait("Provider", "Memory")]
public sealed class MemoryObjectStoreTests : ObjectStoreConformanceTests
{
    protected override IObjectStore Store { get; } = new MemoryObjectStore();
}
