using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAspire.Dashboard.Tests.Infrastructure;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>Starting Evaluator runs from the API, following them to the end and serving their report.</summary>
public sealed class EvaluationsApiTests
{
    private static readonly object s_request = new { workload = "winogrande", endpoint = "http://127.0.0.1:8080/v1", model = "small", limit = 2 };

    private static async Task<JsonElement> FinishedAsync(DashboardHost host, string id)
    {
        JsonElement run = default;
        await DashboardHost.WaitForAsync(() =>
        {
            run = host.Client.GetFromJsonAsync<JsonElement>($"api/evaluations/{id}").GetAwaiter().GetResult();
            return run.GetProperty("state").GetString() != "running";
        }, "the run to finish");
        return run;
    }

    [Fact]
    public async Task A_run_starts_reports_progress_ends_with_its_summary_and_its_report_is_served()
    {
        using var evaluator = new FakeEvaluator();
        await using var host = await DashboardHost.StartAsync(o => (o.EvaluatorPath, o.EvaluationOutputPath) = (evaluator.Path, evaluator.OutputPath));

        using var created = await host.Client.PostAsJsonAsync("api/evaluations", s_request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        var run = await FinishedAsync(host, id);
        var report = await host.Client.GetStringAsync($"api/evaluations/{id}/report", TestContext.Current.CancellationToken);
        var list = await host.Client.GetFromJsonAsync<JsonElement>("api/evaluations", TestContext.Current.CancellationToken);

        Assert.Equal(("succeeded", "run-1"), (run.GetProperty("state").GetString(), run.GetProperty("runId").GetString()));
        Assert.Contains("\"ok\":true", run.GetProperty("summary").GetString());
        Assert.Contains("report of winogrande: winogrande --endpoint http://127.0.0.1:8080/v1 --model small --limit 2 --out", report);
        Assert.True(list.GetProperty("available").GetBoolean());
        Assert.Equal(id, list.GetProperty("runs")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failing_run_shows_the_evaluators_error_and_has_no_report()
    {
        using var evaluator = new FakeEvaluator(fail: true);
        await using var host = await DashboardHost.StartAsync(o => (o.EvaluatorPath, o.EvaluationOutputPath) = (evaluator.Path, evaluator.OutputPath));

        using var created = await host.Client.PostAsJsonAsync("api/evaluations", s_request, TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        var run = await FinishedAsync(host, id);
        using var report = await host.Client.GetAsync($"api/evaluations/{id}/report", TestContext.Current.CancellationToken);

        Assert.Equal(("failed", "dataset not found", 2), (run.GetProperty("state").GetString(), run.GetProperty("error").GetString(), run.GetProperty("exitCode").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_400_and_without_an_evaluator_503()
    {
        using var evaluator = new FakeEvaluator();
        await using var host = await DashboardHost.StartAsync(o => (o.EvaluatorPath, o.EvaluationOutputPath) = (evaluator.Path, evaluator.OutputPath));
        await using var bare = await DashboardHost.StartAsync();

        using var unknown = await host.Client.PostAsJsonAsync("api/evaluations", new { workload = "mmlu", endpoint = "http://x/v1", model = "m", limit = 1 }, TestContext.Current.CancellationToken);
        using var relative = await host.Client.PostAsJsonAsync("api/evaluations", new { workload = "winogrande", endpoint = "v1", model = "m", limit = 1 }, TestContext.Current.CancellationToken);
        using var unavailable = await bare.Client.PostAsJsonAsync("api/evaluations", s_request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("workload must be one of", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.False((await bare.Client.GetFromJsonAsync<JsonElement>("api/evaluations", TestContext.Current.CancellationToken)).GetProperty("available").GetBoolean());
    }
}
