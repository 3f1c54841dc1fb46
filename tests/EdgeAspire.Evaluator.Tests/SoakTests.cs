using System.Globalization;
using System.Text.Json;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>The soak harness, short: 30 seconds of the mixed load against a real PromptApi that has to swap two
/// models, and a few seconds against a server that fails in every way the harness must notice.</summary>
public sealed class SoakTests
{
    [Fact]
    public async Task Thirty_seconds_of_mixed_load_on_a_swapping_PromptApi_report_memory_and_no_problem()
    {
        var folder = TestData.NewFolder();
        var synthetic = TestModels.Require(TestModels.Synthetic);
        var models = new Dictionary<string, string> { ["a"] = synthetic, ["b"] = synthetic };
        long estimate;
        await using (var probe = new PromptApiServer(models))
        {
            estimate = (await Http.GetAsync(probe.Client, "/v1/models/a", TestModels.Timeout())).Json.GetProperty("meta").GetProperty("memory_estimate_bytes").GetInt64();
        }
        // Room for one of the two: every switch between them unloads one and loads the other.
        await using var server = new PromptApiServer(models, new Dictionary<string, string> { ["MemoryBudget"] = (estimate * 3 / 2).ToString(CultureInfo.InvariantCulture) });

        var run = await EvalCli.SucceedAsync("soak", "--endpoint", new Uri(server.BaseAddress, "/v1").ToString(), "--models", "a,b",
            "--duration", "30s", "--clients", "4", "--interval", "5s", "--baseline", "5s", "--max-tokens", "16",
            "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--out", folder);

        var summary = run.Summary;
        var report = File.ReadAllText(summary.GetProperty("soak_report").GetString()!);
        var chart = File.ReadAllText(summary.GetProperty("chart").GetString()!);
        Assert.Equal(0, summary.GetProperty("problems").GetInt64());
        Assert.True(summary.GetProperty("requests").GetInt64() >= 10, $"only {summary.GetProperty("requests")} requests in 30 s");
        Assert.True(summary.GetProperty("samples").GetInt32() >= 6, report);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("rss_growth_percent").ValueKind);
        Assert.Contains("| native context |", report, StringComparison.Ordinal);
        Assert.Contains("<polyline", chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_fails_cuts_streams_and_repeats_answers_is_reported_with_each_problem()
    {
        var folder = TestData.NewFolder();
        await using var broken = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                if (body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
                {
                    context.Response.ContentType = "text/event-stream";
                    await context.Response.WriteAsync("data: {\"id\":\"s1\",\"choices\":[{\"delta\":{\"content\":\"Once\"}}]}\n\n");
                    return; // cut: no finish reason, no [DONE]
                }
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "boom" } });
            });
            app.MapPost("/v1/completions", () => Microsoft.AspNetCore.Http.Results.Json(new { id = "always-the-same", choices = new[] { new { text = "x", finish_reason = "stop" } } }));
        });

        var line = await EvalCli.FailAsync("soak", "--endpoint", new Uri(broken.BaseAddress, "/v1").ToString(), "--models", "m",
            "--duration", "3s", "--clients", "2", "--interval", "1s", "--out", folder);

        var report = File.ReadAllText(line[(line.LastIndexOf("report: ", StringComparison.Ordinal) + 8)..].Trim());
        Assert.Contains("problems", line, StringComparison.Ordinal);
        Assert.Matches(@"5xx [1-9]", report);
        Assert.Matches(@"incomplete streams [1-9]", report);
        Assert.Matches(@"duplicates [1-9]", report);
        Assert.Matches(@"invalid requests accepted [1-9]", report);
    }

    [Theory]
    [InlineData("--endpoint", "not-a-url", "--endpoint must be an http(s) URL")]
    [InlineData("--duration", "5x", "--duration: '5x' is not a duration")]
    [InlineData("--clients", "0", "--clients must be 1..1024")]
    [InlineData("--models", ",", "--models needs at least one model id")]
    public async Task Bad_options_are_refused_in_one_line_before_any_request(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--endpoint"] = "http://127.0.0.1:9/v1", ["--models"] = "m", ["--duration"] = "1s" };
        args[option] = value;

        var line = await EvalCli.FailAsync(["soak", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Contains(message, line, StringComparison.Ordinal);
    }
}
