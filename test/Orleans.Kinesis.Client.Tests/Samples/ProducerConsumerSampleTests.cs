using System.Diagnostics;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Samples;

/// <summary>samples/ProducerConsumer run as written (its own process) against the in-process server.</summary>
[Collection(ServerCollection.Name)]
[Trait("Suite", "Sample")]
public sealed class ProducerConsumerSampleTests(ServerFixture server)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sample_FreshStream_ConsumesEveryRecordAndExitsZero(bool efo)
    {
        var stream = TestClients.UniqueName("sample");
        string[] args = ["--endpoint", server.Endpoint.ToString(), "--stream", stream, "--records", "3000", "--workers", "3", .. efo ? new[] { "--efo" } : []];

        var (exit, output) = await RunSampleAsync(args);

        Assert.True(exit == 0, output);
        Assert.Contains("consumed 3000 of 3000 records", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_BadArguments_ExitsWithUsage()
    {
        var (exit, output) = await RunSampleAsync(["--records", "zero"]);
        Assert.Equal(2, exit);
        Assert.Contains("usage:", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunSampleAsync(string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Orleans.Kinesis.sln")))
        {
            root = root.Parent!;
        }

        var dll = Path.Combine(root.FullName, "samples", "ProducerConsumer", "bin", configuration, "net10.0", "ProducerConsumer.dll");
        Assert.True(File.Exists(dll), "sample not built: " + dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sample did not exit within 150 s: " + await stdout);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
