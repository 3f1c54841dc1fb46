using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>The dashboard in a real browser, fed by a real PromptApi exporting over OTLP to it.</summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] s_stages = ["model.load", "tokenize", "queue", "prefill", "decode"];

    [Fact]
    public async Task A_chat_requests_trace_shows_its_token_stage_bars_in_order_and_the_decode_bar_has_token_ticks()
    {
        await using var browser = await Browser.LaunchAsync();
        await using var dashboard = await DashboardHost.StartAsync();
        await using var api = new PromptApiServer(
            new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
            configuration: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.BaseAddress.ToString(),
                ["OTEL_SERVICE_NAME"] = "promptapi",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "50",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "50",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            });
        var traceId = await ChatFromAnotherServiceAsync(dashboard, api);
        await DashboardHost.WaitForAsync(() => dashboard.Store.Spans().Count(s => s.TraceId == traceId) >= 9, "the trace's spans");

        var page = browser.Page;
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "#/traces").ToString());
        var row = page.Locator($"tr[data-trace-id='{traceId}']");
        await row.WaitForAsync();
        Assert.Contains(TestModels.Synthetic, await row.InnerTextAsync());
        await browser.ScreenshotAsync("traces");
        await row.ClickAsync();
        var decode = page.Locator(".waterfall .row[data-span-name='decode']");
        await decode.Locator(".tick").First.WaitForAsync();
        await browser.ScreenshotAsync("trace");

        var rows = await page.Locator(".waterfall .row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.spanName)");
        // In-process, the PromptApi's tracer also records the test's own HttpClient span ("POST"): only the order
        // of the spans that matter is asserted.
        string[] expected = ["client chat", "POST /v1/chat/completions", $"chat {TestModels.Synthetic}", .. s_stages];
        Assert.Equal(expected, rows.Where(expected.Contains));
        Assert.Equal("chat-client", await page.Locator(".waterfall .row[data-span-name='client chat'] .label .muted").InnerTextAsync());
        Assert.Equal("promptapi", await decode.Locator(".label .muted").InnerTextAsync());
        var bars = await page.EvaluateAsync<double[][]>("""
            names => names.map(n => {
              const r = document.querySelector(`.waterfall .row[data-span-name='${n}'] .bar`).getBoundingClientRect();
              return [r.left, r.right];
            })
            """, s_stages);
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First[0] <= p.Second[0] + 0.5), "stage bars start in order: " + JsonSerializer.Serialize(bars));
        var ticks = await decode.Locator(".tick").EvaluateAllAsync<double[]>("ticks => ticks.map(t => t.getBoundingClientRect().left)");
        Assert.Equal(8, ticks.Length);
        Assert.All(ticks, x => Assert.InRange(x, bars[^1][0] - 0.5, bars[^1][1] + 0.5));
        Assert.Equal(ticks.Order(), ticks);

        // Zoomed to the decode span, its bar fills the track and the token gaps can be told apart.
        await decode.ClickAsync();
        await page.ClickAsync(".details button.zoom");
        await page.Locator(".waterfall.zoomed").WaitForAsync();
        var (bar, track) = (await decode.Locator(".bar").BoundingBoxAsync(), await decode.Locator(".track").BoundingBoxAsync());
        Assert.InRange(bar!.Width, track!.Width * 0.99, track.Width * 1.01);
        await browser.ScreenshotAsync("trace-decode-zoomed");

        await page.GotoAsync(new Uri(dashboard.BaseAddress, "#/models").ToString());
        var card = page.Locator($".card[data-model='{TestModels.Synthetic}']");
        await card.Locator("h2 .ok").WaitForAsync(); // "loaded", from the worker's metrics
        await card.Locator(".chart circle").First.WaitForAsync(); // a request's decode tokens/s and its TTFT
        await browser.ScreenshotAsync("models");

        await page.GotoAsync(new Uri(dashboard.BaseAddress, "#/resources").ToString());
        await page.Locator("tr[data-resource='promptapi'] .state-running").WaitForAsync();
        await browser.ScreenshotAsync("resources");
        await DashboardHost.WaitForAsync(() => dashboard.Store.Counts().Logs > 0, "logs", 30);
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "#/logs").ToString());
        await page.Locator(".logs tbody tr").First.WaitForAsync();
        await browser.ScreenshotAsync("logs");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task An_evaluation_started_from_the_page_completes_and_links_its_report()
    {
        await using var browser = await Browser.LaunchAsync();
        using var evaluator = new FakeEvaluator();
        await using var dashboard = await DashboardHost.StartAsync(o =>
            (o.EvaluatorPath, o.EvaluationOutputPath, o.DefaultEvaluationEndpoint) = (evaluator.Path, evaluator.OutputPath, "http://127.0.0.1:8080/v1"));

        var page = browser.Page;
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "#/evaluations").ToString());
        await page.SelectOptionAsync("select[name='workload']", "winogrande");
        await page.FillAsync("input[name='model']", "small");
        await page.FillAsync("input[name='limit']", "3");
        await page.ClickAsync("button[type='submit']");
        var run = page.Locator("tr[data-state='succeeded']");
        await run.WaitForAsync();
        await browser.ScreenshotAsync("evaluations");
        var report = await run.Locator("a").GetAttributeAsync("href");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, report).ToString());

        Assert.Contains("report of winogrande: winogrande --endpoint http://127.0.0.1:8080/v1 --model small --limit 3", await page.InnerTextAsync("body"));
        Assert.Empty(browser.Errors); // the report's page too: it asks for /favicon.ico, which the dashboard serves
    }

    /// <summary>A client span from a second service, so the waterfall crosses services; its context goes to the
    /// PromptApi as <c>traceparent</c>.</summary>
    private static async Task<string> ChatFromAnotherServiceAsync(DashboardHost dashboard, PromptApiServer api)
    {
        var sourceName = $"chat-client-{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(sourceName)
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("chat-client"))
            .AddOtlpExporter(o => (o.Endpoint, o.Protocol, o.ExportProcessorType) =
                (new Uri(dashboard.BaseAddress, "v1/traces"), OtlpExportProtocol.HttpProtobuf, ExportProcessorType.Batch))
            .Build();
        using var client = source.StartActivity("client chat", ActivityKind.Client)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                model = TestModels.Synthetic, max_tokens = 8, temperature = 0, ignore_eos = true,
                messages = new[] { new { role = "user", content = "Tell me a story." } },
            }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{client.TraceId}-{client.SpanId}-01");
        using var response = await api.Client.SendAsync(request, TestModels.Timeout());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.Stop();
        // Batched, so the export runs outside the client span: a simple processor would export while it is current,
        // and the export's own HTTP request would join the trace.
        Assert.True(tracing.ForceFlush(10_000));
        return client.TraceId.ToHexString();
    }
}
