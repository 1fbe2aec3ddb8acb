namespace Orleans.Kinesis.Client.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

[CollectionDefinition(Name)]
public sealed class KinesaliteCollection : ICollectionFixture<KinesaliteFixture>
{
    public const string Name = "kinesalite";
}

[CollectionDefinition(Name)]
public sealed class ThrottledServerCollection : ICollectionFixture<ThrottledServerFixture>
{
    public const string Name = "throttled-server";
}
