using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Orleans.Kinesis.Host;

namespace Orleans.Kinesis.Console.Tests;

/// <summary>
/// The whole server in memory on a free loopback port, and Debian's Chromium driven by Playwright (the Playwright
/// browser download is not used: <see cref="ChromiumPath"/> must exist; .ci/run and test.sh install it).
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri Endpoint { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Aws { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: install it (apt-get install chromium); test.sh does so as root.");
        _app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false });
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Aws = new HttpClient { BaseAddress = Endpoint };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Aws?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
