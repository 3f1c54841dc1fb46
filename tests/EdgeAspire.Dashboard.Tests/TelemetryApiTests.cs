using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAspire.Dashboard.Resources;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EdgeAspire.Dashboard.Tests.Infrastructure.SampleTelemetry;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>The JSON behind the pages.</summary>
public sealed class TelemetryApiTests
{
    private static async Task<JsonElement> GetAsync(DashboardHost host, string url) =>
        await host.Client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);

    private static string[] Ids(JsonElement traces) => [.. traces.EnumerateArray().Select(t => t.GetProperty("traceId").GetString()!)];

    [Fact]
    public async Task Trace_list_filters_by_service_model_status_and_duration_newest_first()
    {
        await using var host = await DashboardHost.StartAsync();
        host.Store.AddSpans(ChatTrace("aa", "small", T0));
        host.Store.AddSpans(ChatTrace("bb", "large", T0 + 1000 * Ms, error: true));
        host.Store.AddSpans([.. ChatTrace("cc", "small", T0 + 2000 * Ms).Where(s => s.Resource.ServiceName == "worker")]);

        var all = await GetAsync(host, "api/traces");
        Assert.Equal(["cc", "bb", "aa"], Ids(all));
        var first = all[2];
        Assert.Equal("POST /v1/chat/completions", first.GetProperty("name").GetString());
        Assert.Equal(["gateway", "worker"], first.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(90.0, first.GetProperty("durationMs").GetDouble());
        Assert.Equal("chat small", all[0].GetProperty("name").GetString()); // its root has not arrived
        Assert.Equal(["cc", "aa"], Ids(await GetAsync(host, "api/traces?model=small")));
        Assert.Equal(["bb", "aa"], Ids(await GetAsync(host, "api/traces?service=gateway")));
        Assert.Equal(["bb"], Ids(await GetAsync(host, "api/traces?status=error")));
        Assert.Equal(["bb", "aa"], Ids(await GetAsync(host, "api/traces?minMs=86")));
        Assert.Equal(["cc"], Ids(await GetAsync(host, "api/traces?maxMs=85")));
    }

    [Fact]
    public async Task A_trace_comes_in_tree_order_with_offsets_depths_and_token_events()
    {
        await using var host = await DashboardHost.StartAsync();
        host.Store.AddSpans(ChatTrace("aa", "small", T0));

        var trace = await GetAsync(host, "api/traces/aa");
        var spans = trace.GetProperty("spans").EnumerateArray().ToList();

        Assert.Equal(["POST /v1/chat/completions", "chat small", "model.load", "tokenize", "queue", "prefill", "decode"],
            spans.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([0, 1, 2, 2, 2, 2, 2], spans.Select(s => s.GetProperty("depth").GetInt32()));
        var decode = spans[^1];
        Assert.Equal((35.0, 45.0), (decode.GetProperty("offsetMs").GetDouble(), decode.GetProperty("durationMs").GetDouble()));
        Assert.Equal([40.0, 50.0, 60.0, 70.0], decode.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("offsetMs").GetDouble()));
        using var missing = await host.Client.GetAsync("api/traces/ffff", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Logs_filter_by_service_level_and_text_and_poll_after_the_last_sequence()
    {
        await using var host = await DashboardHost.StartAsync();
        host.Store.AddLogs([Log("worker", 9, "Model small loaded", T0), Log("worker", 17, "Decode failed", T0 + Ms), Log("gateway", 13, "Worker out", T0 + 2 * Ms)]);

        var all = await GetAsync(host, "api/logs");
        var errors = await GetAsync(host, "api/logs?minSeverity=13&service=worker");
        var search = await GetAsync(host, "api/logs?search=LOADED");
        host.Store.AddLogs([Log("worker", 9, "later", T0 + 3 * Ms)]);
        var after = await GetAsync(host, $"api/logs?after={all.GetProperty("last").GetInt64()}");

        Assert.Equal(3, all.GetProperty("last").GetInt64());
        Assert.Equal(["info", "error", "warn"], all.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("level").GetString()));
        Assert.Equal(["Decode failed"], errors.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("body").GetString()));
        Assert.Equal(["Model small loaded"], search.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("body").GetString()));
        Assert.Equal(["later"], after.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Models_show_requests_memory_loaded_state_and_series_from_spans_and_metrics()
    {
        await using var host = await DashboardHost.StartAsync();
        host.Store.AddSpans(ChatTrace("aa", "small", T0));
        host.Store.AddSpans(ChatTrace("bb", "small", T0 + 1000 * Ms, error: true, tokens: 6));
        var later = T0 + 2000 * Ms;
        host.Store.AddMetrics([
            Point("edgeaspire.generated_tokens", 4, T0 + 500 * Ms, model: "small", kind: Storage.MetricPointKind.Sum),
            Point("edgeaspire.generated_tokens", 10, later, model: "small", kind: Storage.MetricPointKind.Sum),
            Point("edgeaspire.sequences.active", 0, T0, model: "large"),
            Point("edgeaspire.models.loaded", 1, later), Point("edgeaspire.models.memory", 2048, later),
            Point("edgeaspire.sequences.active", 1, later, model: "small"),
        ]);

        var models = (await GetAsync(host, "api/models")).EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);

        var small = models["small"];
        Assert.Equal((2, 1, 10L), (small.GetProperty("requests").GetInt32(), small.GetProperty("errors").GetInt32(), small.GetProperty("outputTokens").GetInt64()));
        Assert.True(small.GetProperty("loaded").GetBoolean());
        Assert.Equal((123_456L, 2048L), (small.GetProperty("memoryBytes").GetInt64(), small.GetProperty("serviceMemoryBytes").GetInt64()));
        Assert.Equal([30.0, 30.0], small.GetProperty("timeToFirstTokenMs").EnumerateArray().Select(p => p[1].GetDouble()));
        Assert.Equal([50.0, 50.0], small.GetProperty("decodeTokensPerSecond").EnumerateArray().Select(p => p[1].GetDouble()));
        // 4 tokens in the 0.5 s since the series started, then 6 in 1.5 s.
        Assert.Equal([8.0, 4.0], small.GetProperty("throughput").EnumerateArray().Select(p => Math.Round(p[1].GetDouble(), 6)));
        Assert.False(models["large"].GetProperty("loaded").GetBoolean());
    }

    [Fact]
    public async Task Default_resources_are_the_services_seen_with_cpu_and_memory_from_their_process_metrics()
    {
        await using var host = await DashboardHost.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * Ms;
        host.Store.AddMetrics([Point("process.cpu", 10, now - 1000 * Ms, kind: Storage.MetricPointKind.Sum), Point("process.cpu", 10.5, now, kind: Storage.MetricPointKind.Sum),
            Point("process.resident_memory", 64 << 20, now)]);
        host.Store.AddLogs([Log("old", 9, "hello", now - 3600_000 * Ms)]);

        var resources = (await GetAsync(host, "api/resources")).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.Equal(("Running", 50.0, 64L << 20), (resources["worker"].GetProperty("state").GetString(),
            Math.Round(resources["worker"].GetProperty("cpuPercent").GetDouble()), resources["worker"].GetProperty("memoryBytes").GetInt64()));
        Assert.Equal("Silent", resources["old"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_hosts_resource_provider_replaces_the_default_and_telemetry_fills_what_it_leaves_empty()
    {
        await using var host = await DashboardHost.StartAsync(services: s => s.AddSingleton<IResourceStateProvider>(new FixedResources(
            [new ResourceSnapshot("worker-a", "Running", "Project", ["http://127.0.0.1:8081"], Restarts: 2, ProcessId: 4242, ServiceName: "worker")])));
        host.Store.AddMetrics([Point("process.resident_memory", 1000, T0)]);

        var resource = Assert.Single((await GetAsync(host, "api/resources")).EnumerateArray());

        Assert.Equal(("worker-a", 2, 4242, 1000L), (resource.GetProperty("name").GetString(), resource.GetProperty("restarts").GetInt32(),
            resource.GetProperty("processId").GetInt32(), resource.GetProperty("memoryBytes").GetInt64()));
        Assert.Equal("http://127.0.0.1:8081", resource.GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task The_page_and_its_scripts_are_served_from_the_assembly()
    {
        await using var host = await DashboardHost.StartAsync();

        using var page = await host.Client.GetAsync("", TestContext.Current.CancellationToken);
        using var script = await host.Client.GetAsync("assets/waterfall.js", TestContext.Current.CancellationToken);
        using var missing = await host.Client.GetAsync("assets/nothing.js", TestContext.Current.CancellationToken);

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("assets/app.js", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private sealed class FixedResources(IReadOnlyList<ResourceSnapshot> resources) : IResourceStateProvider
    {
        public ValueTask<IReadOnlyList<ResourceSnapshot>> GetResourcesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(resources);
    }
}
