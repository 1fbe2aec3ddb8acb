using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Host.Clustering;
using Orleans.Runtime;

namespace Orleans.Kinesis.Host.Tests.Clustering;

/// <summary>A shard log's lease owner is known dead only when membership proves it; anything unknown waits for the lease.</summary>
[Trait("Area", "Cluster")]
public sealed class MembershipLogOwnerLivenessTests
{
    private static readonly SiloAddress Self = Silo(11111, 100);
    private static readonly SiloAddress Dead = Silo(11112, 100);
    private static readonly SiloAddress Active = Silo(11113, 100);
    private static readonly SiloAddress Restarted = Silo(11114, 100);

    private readonly MembershipLogOwnerLiveness _liveness;

    public MembershipLogOwnerLivenessTests()
    {
        var members = new Dictionary<SiloAddress, ClusterMember>
        {
            [Self] = new(Self, SiloStatus.Active, "self"),
            [Dead] = new(Dead, SiloStatus.Dead, "dead"),
            [Active] = new(Active, SiloStatus.Active, "active"),
            [Silo(11114, 200)] = new(Silo(11114, 200), SiloStatus.Active, "restarted"),
        };
        var services = new ServiceCollection()
            .AddSingleton<ILocalSiloDetails>(new SiloDetails(Self))
            .AddSingleton<IClusterMembershipService>(new Membership(new ClusterMembershipSnapshot(members.ToImmutableDictionary(), new MembershipVersion(7))))
            .BuildServiceProvider();
        _liveness = new MembershipLogOwnerLiveness(services);
    }

    [Fact]
    public void OwnerId_IsThisSilosAddress() => Assert.Equal(Self.ToParsableString(), _liveness.OwnerId);

    [Fact]
    public async Task ASiloMembershipDeclaredDead_IsKnownDead() => Assert.True(await _liveness.IsKnownDeadAsync(Dead.ToParsableString(), CancellationToken.None));

    [Fact]
    public async Task AnOlderGenerationOfARejoinedEndpoint_IsKnownDead() => Assert.True(await _liveness.IsKnownDeadAsync(Restarted.ToParsableString(), CancellationToken.None));

    [Theory]
    [InlineData(11113)] // active
    [InlineData(11199)] // not in the membership table (another cluster, or already cleaned up)
    public async Task ActiveOrUnknownSilos_AreNotKnownDead(int port)
        => Assert.False(await _liveness.IsKnownDeadAsync(Silo(port, 100).ToParsableString(), CancellationToken.None));

    [Fact]
    public async Task SingleNodeOwnerIds_AreAnsweredByTheProcessTable()
    {
        // A process id above the kernel's pid_max never runs; a malformed id is never known dead.
        Assert.True(await _liveness.IsKnownDeadAsync(Environment.MachineName + "/" + (1 << 23).ToString(CultureInfo.InvariantCulture) + "/1", CancellationToken.None));
        Assert.False(await _liveness.IsKnownDeadAsync("not-an-owner", CancellationToken.None));
    }

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    private sealed class SiloDetails(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "self";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }

    private sealed class Membership(ClusterMembershipSnapshot snapshot) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot => snapshot;

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
