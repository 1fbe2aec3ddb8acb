using System.Net;
using System.Net.Sockets;
using Orleans.Hosting;
using Orleans.Kinesis.Grains.Hosting;
using Orleans.Kinesis.Storage.Hosting;

namespace Orleans.Kinesis.Host;

/// <summary>
/// The embedded silo: one node with localhost clustering on loopback ports (free ones unless configured), nothing
/// outside the process; grain state on the storage the options choose.
/// </summary>
internal static class SiloComposition
{
    public static void Configure(ISiloBuilder silo, KinesisHostOptions options)
    {
        var siloPort = options.SiloPort != 0 ? options.SiloPort : FreePort();
        var gatewayPort = options.SiloGatewayPort != 0 ? options.SiloGatewayPort : FreePort();
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        _ = options.Storage switch
        {
            "memory" => silo.AddKinesisMemoryGrainStorage(),
            "blob" => silo.AddKinesisBlobGrainStorage(),
            _ => silo.AddKinesisFileGrainStorage(),
        };
        AddReminders(silo);
        silo.AddKinesisGrains();
    }

    /// <summary>
    /// The reminder service (Firehose delivery streams keep a reminder). One embedded node keeps reminders in memory;
    /// delivery streams are re-armed from their persisted state when the silo starts.
    /// </summary>
    private static void AddReminders(ISiloBuilder silo) => silo.UseInMemoryReminderService();

    /// <summary>A loopback port no one listens on now (the OS hands out each ephemeral port in turn).</summary>
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
