using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Kinesis.Console.Tests;

/// <summary>
/// The console in real Chromium: create a stream, put and browse a record, see the rate graphs move (stream and
/// shard level, from the server's metric store), the shard bar, reshard, errors; the Firehose page.
/// </summary>
[Trait("Area", "Console")]
public sealed partial class ConsoleBrowserTests : IClassFixture<ConsoleServer>
{
    private readonly ConsoleServer _server;

    public ConsoleBrowserTests(ConsoleServer server)
    {
        _server = server;
        SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task CreateStream_PutRecord_BrowseIt_SeeTheShardBar_Reshard_AndDelete()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_server.Endpoint, "/console/").ToString());

        // Create a stream with the form; its row shows ACTIVE, the shard count and a flat incoming-records sparkline.
        var create = page.GetByTestId("create-stream");
        await create.GetByLabel("Stream name").FillAsync("orders");
        await create.GetByLabel("Shard count").FillAsync("4");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        var row = page.Locator("tr[data-stream=orders]");
        await Expect(row).ToContainTextAsync("ACTIVE");
        await Expect(row.Locator("td.num")).ToHaveTextAsync("4");
        await Expect(row.GetByTestId("records-rate")).ToHaveAttributeAsync("data-last", "0.000");

        // A second stream of the same name: the AWS error type and message are shown.
        await create.GetByLabel("Stream name").FillAsync("orders");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        await Expect(page.GetByTestId("error-type")).ToHaveTextAsync("ResourceInUseException");
        await Expect(page.GetByTestId("error-message")).ToHaveTextAsync("Stream orders under account 000000000000 already exists.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("streams"), FullPage = true });

        // The stream page: four shards across the hash key space; the incoming rate is flat; shard-level metrics
        // are off until turned on, then each open shard has its charts.
        await row.GetByRole(AriaRole.Link, new() { Name = "orders" }).ClickAsync();
        await Expect(page.GetByTestId("shard-bar").Locator(".segment")).ToHaveCountAsync(4);
        var rate = page.GetByTestId("chart-incoming-records");
        await Expect(rate).ToHaveAttributeAsync("data-last", "0.000");
        await page.GetByTestId("toggle-shard-metrics").ClickAsync();
        await Expect(page.GetByTestId("shard-metrics")).ToContainTextAsync("IncomingRecords");
        await Expect(page.GetByTestId("shard-charts").Locator(".shard-charts")).ToHaveCountAsync(4);

        // Put a test record: the stream's rate graph and its shard's rate graph move off zero (the page refreshes
        // every 3 s from the metrics route). Register a consumer.
        var put = page.GetByTestId("put-record");
        await put.GetByLabel("Partition key").FillAsync("customer-42");
        await put.GetByLabel("Record data").FillAsync("{\"order\":42,\"item\":\"book\"}");
        await put.GetByRole(AriaRole.Button, new() { Name = "Put record" }).ClickAsync();
        await Expect(page.GetByTestId("put-result")).ToContainTextAsync("Stored in shardId-");
        var shardId = await page.GetByTestId("put-result").Locator("code").First.TextContentAsync();
        await Expect(rate).ToHaveAttributeAsync("data-max", NonZero());
        await Expect(page.Locator($".shard-charts[data-shard='{shardId}']").GetByTestId("shard-incoming-records"))
            .ToHaveAttributeAsync("data-max", NonZero());
        await Expect(page.GetByTestId("chart-incoming-bytes")).ToHaveAttributeAsync("data-max", NonZero());
        await page.GetByLabel("Consumer name").FillAsync("billing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register consumer" }).ClickAsync();
        await Expect(page.GetByTestId("consumer-rows")).ToContainTextAsync("billing");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("stream"), FullPage = true });

        // Browse the record: pick its shard, read from TRIM_HORIZON, view the data as JSON and as hex.
        await page.GetByTestId("browse-records").ClickAsync();
        await Expect(page.GetByTestId("record-shard").Locator("option")).ToHaveCountAsync(4);
        await page.GetByTestId("record-shard").SelectOptionAsync(shardId!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read" }).ClickAsync();
        var records = page.GetByTestId("record-rows");
        await Expect(records.Locator("tr")).ToHaveCountAsync(1);
        await Expect(records).ToContainTextAsync("customer-42");
        await page.GetByLabel("Show data as").SelectOptionAsync("json");
        await Expect(records.Locator("pre")).ToContainTextAsync("\"order\": 42");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("records"), FullPage = true });
        await page.GetByLabel("Show data as").SelectOptionAsync("hex");
        await Expect(records.Locator("pre")).ToContainTextAsync("7b 22 6f 72");

        // Reshard to 8 open shards; the bar follows. Then delete the stream (two clicks) and it leaves the list.
        await page.GoBackAsync();
        await Expect(page.GetByTestId("shard-bar").Locator(".segment")).ToHaveCountAsync(4);
        await page.GetByLabel("Target shard count").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reshard" }).ClickAsync();
        await Expect(page.GetByTestId("shard-bar").Locator(".segment")).ToHaveCountAsync(8);
        await page.GetByTestId("delete-stream").ClickAsync();
        await page.GetByTestId("delete-stream").ClickAsync();
        await Expect(page.GetByTestId("stream-rows")).Not.ToContainTextAsync("orders");
    }

    [Fact]
    public async Task FirehosePage_ShowsDeliveryStreams_AndPutsARecord()
    {
        await FirehoseSetup.CreateDeliveryStreamAsync(_server.Aws, "clickstream");
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_server.Endpoint, "/console/#/firehose").ToString());
        var card = page.Locator("[data-delivery-stream=clickstream]");
        await Expect(card).ToContainTextAsync("ACTIVE");
        await Expect(card).ToContainTextAsync("arn:aws:s3:::console-bucket/clicks/");
        await Expect(card.GetByTestId("firehose-incoming")).ToHaveAttributeAsync("data-last", "0.000");
        await card.GetByLabel("Record data").FillAsync("hello");
        await card.GetByRole(AriaRole.Button, new() { Name = "Put record" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Accepted as");
        // The put shows in the chart; its newest point may already be a later, empty minute, so the maximum is checked.
        await Expect(page.Locator("[data-delivery-stream=clickstream]").GetByTestId("firehose-incoming")).ToHaveAttributeAsync("data-max", NonZero());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("firehose"), FullPage = true });
    }

    /// <summary>A chart value (three decimals) that is above zero.</summary>
    [GeneratedRegex(@"^(?!0\.000$)\d+\.\d{3}$")]
    private static partial Regex NonZero();

    private async Task<IPage> NewPageAsync()
    {
        var context = await _server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }
}
