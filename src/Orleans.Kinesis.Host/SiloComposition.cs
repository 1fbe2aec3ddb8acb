using System.Net;
using System.Net.Sockets;
using Orleans.Hosting;
using Orleans.Kinesis.Grains.Hosting;
using Orleans.Kinesis.Host.Clustering;
using Orleans.Kinesis.Storage.Hosting;

namespace Orleans.Kinesis.Host;

/// <summary>
/// The co-hosted silo: one node with localhost clustering on loopback ports (free ones unless configured), or a node
/// of a cluster whose membership lives in Azure Table storage; grain state on the storage the options choose.
/// </summary>
internal static class SiloComposition
{
    public static void Configure(ISiloBuilder silo, KinesisHostOptions options)
    {
        var siloPort = options.SiloPort != 0 ? options.SiloPort : FreePort();
        var gatewayPort = options.SiloGatewayPort != 0 ? options.SiloGatewayPort : FreePort();
        if (options.Clustering == "azure-table")
        {
            AzureTableClustering.Configure(silo, options, siloPort, gatewayPort);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
        }

        AddReminders(silo, options);
        _ = options.Storage switch
        {
            "memory" => silo.AddKinesisMemoryGrainStorage(),
            "blob" => silo.AddKinesisBlobGrainStorage(),
            _ => silo.AddKinesisFileGrainStorage(),
        };
        silo.AddKinesisGrains();
    }

    /// <summary>
    /// The reminder service (Firehose delivery streams keep a reminder): in the cluster's table storage when clustered,
    /// so a reminder outlives the node that set it; in memory on one embedded node, where delivery streams are re-armed
    /// from their persisted state when the silo starts.
    /// </summary>
    private static void AddReminders(ISiloBuilder silo, KinesisHostOptions options)
    {
        if (options.Clustering == "azure-table")
        {
            silo.UseAzureTableReminderService(reminders => reminders.TableServiceClient = AzureTableClustering.CreateTableClient(options));
        }
        else
        {
            silo.UseInMemoryReminderService();
        }
    }

    /// <summary>A loopback port no one listens on now (the OS hands out each ephemeral port in turn).</summary>
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
