using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The dashboard a running composition serves, in a real browser: a chat through the gateway shows its
/// token stages across both services, and a WinoGrande run started from the page (the real Evaluator against the
/// gateway) completes.</summary>
public sealed class DashboardEndToEndTests
{
    private static readonly string[] s_stages = ["tokenize", "queue", "prefill", "decode"];
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_chat_through_the_gateway_shows_its_token_stages_and_an_evaluation_runs_from_the_page()
    {
        await using var browser = await Browser.LaunchAsync();
        await using var composition = new TestComposition();
        var model = Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel(GgmlType.F32);
        var id = Path.GetFileNameWithoutExtension(model);
        var worker = composition.Builder.AddPromptApi("worker").WithModelFile(model);
        var gateway = composition.AddGateway(worker);
        composition.Builder.AddEvaluator("evaluator", gateway);
        await composition.StartAsync();
        var dashboard = composition.App.DashboardUrl!;
        var page = browser.Page;

        await page.GotoAsync(new Uri(dashboard, "#/resources").ToString());
        await page.Locator("tr[data-resource='worker'] .state-running").WaitForAsync();
        await page.Locator("tr[data-resource='gateway'] .state-running").WaitForAsync();
        await browser.ScreenshotAsync("apphost-resources");

        var traceId = await ChatAsync(composition.App.GetEndpoint("gateway"), id);
        await page.GotoAsync(new Uri(dashboard, "#/traces").ToString());
        var row = page.Locator($"tr[data-trace-id='{traceId}']");
        await row.WaitForAsync();
        // The worker's spans arrive a moment after the gateway's: open the trace once the decode span is in.
        await WaitForAsync(async () => (await page.Locator($"tr[data-trace-id='{traceId}']").InnerTextAsync()).Contains("worker", StringComparison.Ordinal),
            page, new Uri(dashboard, "#/traces"));
        await page.Locator($"tr[data-trace-id='{traceId}']").ClickAsync();
        var decode = page.Locator(".waterfall .row[data-span-name='decode']");
        await decode.Locator(".tick").First.WaitForAsync();
        await browser.ScreenshotAsync("apphost-trace");

        var names = await page.Locator(".waterfall .row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.spanName)");
        Assert.Equal(s_stages, names.Where(s_stages.Contains));
        Assert.Equal("gateway", await page.Locator(".waterfall .row").First.Locator(".label .muted").InnerTextAsync());
        Assert.Equal("worker", await decode.Locator(".label .muted").InnerTextAsync());
        var starts = await page.EvaluateAsync<double[]>("""
            names => names.map(n => document.querySelector(`.waterfall .row[data-span-name='${n}'] .bar`).getBoundingClientRect().left)
            """, s_stages);
        Assert.Equal(starts.Order(), starts);
        Assert.Equal(8, await decode.Locator(".tick").CountAsync());

        await page.GotoAsync(new Uri(dashboard, "#/evaluations").ToString());
        Assert.Equal(new Uri(composition.App.GetEndpoint("gateway"), "v1").ToString(), await page.InputValueAsync("input[name='endpoint']"));
        await page.SelectOptionAsync("select[name='workload']", "winogrande");
        await page.FillAsync("input[name='model']", id);
        await page.FillAsync("input[name='limit']", "20");
        await page.FillAsync("input[name='dataset']", WriteWinogrande(20));
        await page.ClickAsync("button[type='submit']");
        var run = page.Locator("tr[data-state='succeeded']");
        await run.WaitForAsync(new() { Timeout = 120_000 });
        await browser.ScreenshotAsync("apphost-evaluation");
        Assert.Contains("n 20 · correct ", await run.InnerTextAsync(), StringComparison.Ordinal);
        var report = await page.Locator("tr[data-state='succeeded'] a").First.GetAttributeAsync("href");
        await page.GotoAsync(new Uri(dashboard, report).ToString());
        Assert.Contains("WinoGrande", await page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        await browser.ScreenshotAsync("apphost-evaluation-report");
    }

    /// <summary>A streamed chat of 8 tokens through the gateway under a trace id of the test's choosing.</summary>
    private static async Task<string> ChatAsync(Uri gateway, string model)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/v1/chat/completions"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                model, max_tokens = 8, temperature = 0, ignore_eos = true, stream = true,
                messages = new[] { new { role = "user", content = "Once upon a time" } },
            }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await s_http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("[DONE]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        return traceId;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Microsoft.Playwright.IPage page, Uri reload)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the worker's spans never reached the dashboard");
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.GotoAsync(reload.ToString());
        }
    }

    private static string WriteWinogrande(int count)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("edgeaspire-winogrande-").FullName, "dev.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new
        {
            qID = $"item-{i}",
            sentence = $"The trophy number {i} did not fit in the case because _ was too big.",
            option1 = "trophy",
            option2 = "case",
            answer = i % 2 == 0 ? "1" : "2",
        })));
        return path;
    }
}
