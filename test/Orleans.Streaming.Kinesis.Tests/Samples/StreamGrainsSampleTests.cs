using System.Diagnostics;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;

namespace Orleans.Streaming.Kinesis.Tests.Samples;

/// <summary>samples/StreamGrains run as written (its own process, its own silo) against the server on loopback.</summary>
[Collection(KinesisClusterCollection.Name)]
[Trait("Suite", "Sample")]
public sealed class StreamGrainsSampleTests(KinesisCluster fixture)
{
    [Fact]
    public async Task Sample_FreshStream_EveryCustomerGrainReceivesItsOrdersAndExitsZero()
    {
        var dll = Path.Combine(Repository.Root, "samples", "StreamGrains", "bin", Repository.Configuration, "net10.0", "StreamGrains.dll");
        Assert.True(File.Exists(dll), "sample not built: " + dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--endpoint", fixture.Endpoint.ToString(), "--stream", "grains-" + Guid.NewGuid().ToString("N")[..8], "--records", "500" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("grains received 500 of 500 records", output, StringComparison.Ordinal);
    }
}
