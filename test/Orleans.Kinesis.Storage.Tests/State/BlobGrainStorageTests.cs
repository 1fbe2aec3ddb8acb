using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.Storage.State;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.State;

[Collection(AzuriteCollection.Name)]
[Trait("Provider", "Blob")]
public sealed class BlobGrainStorageTests(AzuriteFixture fixture) : GrainStorageConformanceTests
{
    protected override IGrainStorage Storage { get; } = new BlobGrainStorage(fixture.NewContainer());
}
