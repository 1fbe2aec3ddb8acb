using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Kinesis.Storage.Logs.Fencing;

namespace Orleans.Kinesis.Host.Clustering;

/// <summary>
/// Many nodes: membership in Azure Table storage, endpoints other silos can reach, failure detection tuned so a dead
/// node's shards are writable again well within 20 s, and shard-log leases owned by silo addresses.
/// </summary>
internal static class AzureTableClustering
{
    /// <summary>Orleans' service id: stable across cluster ids, so a new cluster id keeps the same reminders.</summary>
    public const string ServiceId = "orleans-kinesis";

    /// <summary>
    /// A silo is declared dead after <see cref="MissedProbes"/> probes of <see cref="ProbeTimeout"/> each fail, by two
    /// voters (Orleans' default): about 6 s after a kill, instead of the default 15 s.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int MissedProbes = 3;

    public static void Configure(ISiloBuilder silo, KinesisHostOptions options, int siloPort, int gatewayPort)
    {
        var listen = options.ListenEndPoint.Address;
        var advertised = options.AdvertiseAddress ?? (listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any) ? FirstHostAddress() : listen);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.AdvertisedIPAddress = advertised;
            endpoints.SiloPort = options.AdvertiseSiloPort ?? siloPort;
            endpoints.GatewayPort = options.AdvertiseSiloGatewayPort ?? gatewayPort;
            endpoints.SiloListeningEndpoint = new IPEndPoint(listen, siloPort);
            endpoints.GatewayListeningEndpoint = new IPEndPoint(listen, gatewayPort);
        });
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = ProbeTimeout;
            membership.NumMissedProbesLimit = MissedProbes;
        });
        silo.UseAzureStorageClustering(clustering => clustering.TableServiceClient = CreateTableClient(options));
        silo.Services.Replace(ServiceDescriptor.Singleton<ILogOwnerLiveness, MembershipLogOwnerLiveness>());
    }

    /// <summary>The Table service: <see cref="KinesisHostOptions.TableEndpoint"/> with DefaultAzureCredential, else the blob connection string's.</summary>
    public static TableServiceClient CreateTableClient(KinesisHostOptions options) => options.TableEndpoint is { } endpoint
        ? new TableServiceClient(endpoint, new DefaultAzureCredential())
        : new TableServiceClient(options.BlobConnectionString);

    private static IPAddress FirstHostAddress()
    {
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != OperationalStatus.Up || network.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return unicast.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }
}
