using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using Microsoft.Playwright;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The dashboard of the AppHost executable, opened in Chromium at the address the AppHost prints, while the
/// whole stack runs on a small local model. Screenshots: <c>bin/{Configuration}/net10.0/TestResults/screenshots</c>.</summary>
public sealed partial class AppHostDashboardBrowserTests
{
    // The order in which a cold request goes through them (model.load only when the model was not loaded yet).
    private static readonly string[] s_stages = ["model.load", "tokenize", "queue", "prefill", "decode"];

    // More than the 128 events per span the OpenTelemetry SDK keeps by default: the AppHost raises the limit.
    private const int Tokens = 160;

    [Fact]
    public async Task A_chat_through_the_gateway_shows_its_token_stages_and_a_winogrande_run_started_from_the_page_completes()
    {
        var model = Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel(GgmlType.F32);
        var modelId = Path.GetFileNameWithoutExtension(model);
        var evaluations = Directory.CreateTempSubdirectory("edgeaspire-apphost-evals-").FullName;
        try
        {
            using var apphost = new AppHostProcess(["--model-file", model],
                new Dictionary<string, string> { ["Dashboard__EvaluationOutputPath"] = evaluations });
            await apphost.Ready.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            var dashboard = new Uri(DashboardLine().Match(apphost.Output).Groups["url"].Value);
            var gateway = new Uri(GatewayLine().Match(apphost.Output).Groups["url"].Value);
            var worker = ApplicationModel.ResourceNames.FromModelId("worker", modelId);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;

            await page.GotoAsync(new Uri(dashboard, "#/resources").ToString());
            foreach (var resource in new[] { "modelstore", worker, "gateway" })
            {
                await Assertions.Expect(page.Locator($"tr[data-resource='{resource}'] .state-running")).ToBeVisibleAsync();
            }
            await browser.ScreenshotAsync("apphost-resources");

            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            var (status, body) = await Chat.SendAsync(gateway, modelId, traceId, Tokens);
            Assert.Equal(200, status);
            Assert.Equal(Tokens, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

            await page.GotoAsync(new Uri(dashboard, "#/traces").ToString());
            var row = page.Locator($"tr[data-trace-id='{traceId}']");
            await row.WaitForAsync();
            await browser.ScreenshotAsync("apphost-traces");
            await row.ClickAsync();
            var decode = Waterfall.Row(page, "decode");
            await decode.Locator(".tick").First.WaitForAsync();
            await browser.ScreenshotAsync("apphost-trace");

            var rows = await Waterfall.SpanNamesAsync(page);
            var stages = s_stages.Where(rows.Contains).ToArray();
            Assert.Equal(stages, rows.Where(s_stages.Contains));
            Assert.Equal(s_stages[1..], stages.Where(s => s != "model.load"));
            var services = await page.Locator(".waterfall .row .label .muted").AllInnerTextsAsync();
            Assert.Equal(["gateway", worker], services.Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(worker, await decode.Locator(".label .muted").InnerTextAsync());
            var bars = await Waterfall.BarsAsync(page, stages);
            Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First[0] <= p.Second[0] + 0.5), "stage bars start in order: " + JsonSerializer.Serialize(bars));
            var ticks = await Waterfall.TicksAsync(decode);
            Assert.Equal(Tokens, ticks.Length);
            Assert.All(ticks, x => Assert.InRange(x, bars[^1][0] - 0.5, bars[^1][1] + 0.5));

            await page.GotoAsync(new Uri(dashboard, "#/evaluations").ToString());
            await Assertions.Expect(page.Locator("input[name=endpoint]")).ToHaveValueAsync(new Uri(gateway, "v1").ToString());
            await page.Locator("select[name=workload]").SelectOptionAsync("winogrande");
            await page.Locator("input[name=model]").FillAsync(modelId);
            await page.Locator("input[name=limit]").FillAsync("20");
            await page.Locator("input[name=dataset]").FillAsync(TestData.SharedData("winogrande-dev.jsonl") ?? TestData.WriteWinogrande(evaluations, 20));
            await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            var run = page.Locator("table.evaluations tbody tr").First;
            await Assertions.Expect(run).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 90_000 });
            await Assertions.Expect(run).ToContainTextAsync("n 20");
            await browser.ScreenshotAsync("apphost-evaluations");
            var report = await run.GetByRole(AriaRole.Link, new() { Name = "report" }).GetAttributeAsync("href");
            await page.GotoAsync(new Uri(dashboard, report).ToString());
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync(modelId);
            await browser.ScreenshotAsync("apphost-evaluation-report");
            Assert.Empty(browser.Errors);
        }
        finally
        {
            Directory.Delete(evaluations, recursive: true);
        }
    }

    [GeneratedRegex(@"dashboard: (?<url>http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"OpenAI-compatible endpoint: (?<url>http://\S+?)v1")]
    private static partial Regex GatewayLine();
}
