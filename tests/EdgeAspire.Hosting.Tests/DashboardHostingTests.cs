using System.Diagnostics;
using System.Text.Json;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The dashboard the AppHost serves: fed by the runner's replicas and by the services' own telemetry.</summary>
public sealed class DashboardHostingTests
{
    [Fact]
    public async Task Lists_each_replica_with_its_process_and_receives_a_chats_trace_across_gateway_and_worker()
    {
        await using var composition = new TestComposition(dashboard: true);
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        var worker = composition.Builder.AddPromptApi("worker").WithModelFile(model);
        var gateway = composition.AddGateway(worker);
        composition.Builder.AddEvaluator("evaluator", gateway);
        await composition.StartAsync();
        var dashboard = composition.App.DashboardUrl!;
        var trace = ActivityTraceId.CreateRandom().ToHexString();

        var (status, _) = await Chat.SendAsync(composition.App.GetEndpoint("gateway"), Path.GetFileNameWithoutExtension(model), trace);

        Assert.Equal(200, status);
        // Each service exports on its own schedule: the trace is whole once the gateway's root span and the worker's
        // decode span are both in.
        var spans = await DashboardApi.WaitForAsync(dashboard, $"api/traces/{trace}",
            t => t.GetProperty("spans").EnumerateArray().Any(s => s.GetProperty("service").GetString() == "gateway" && s.GetProperty("depth").GetInt32() == 0)
                && t.GetProperty("spans").EnumerateArray().Any(s => s.GetProperty("name").GetString() == "decode"),
            "the chat's trace from the gateway to the worker's decode");
        Assert.Equal(["gateway", "worker"], spans.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("service").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("worker", spans.GetProperty("spans").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "decode").GetProperty("service").GetString());

        // CPU is a rate between two samples of the process: the second poll has it.
        var resources = await DashboardApi.WaitForAsync(dashboard, "api/resources",
            r => r.EnumerateArray().All(x => x.GetProperty("cpuPercent").ValueKind == JsonValueKind.Number), "CPU of every process");
        var snapshots = composition.App.ResourceStates.GetSnapshots();
        Assert.Equal(snapshots.Select(s => s.Name), resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        foreach (var (snapshot, row) in snapshots.Zip(resources.EnumerateArray()))
        {
            Assert.Equal("Running", row.GetProperty("state").GetString());
            Assert.Equal(snapshot.ProcessId, row.GetProperty("processId").GetInt32());
            Assert.Equal(snapshot.Name, row.GetProperty("serviceName").GetString());
            Assert.Equal(snapshot.Url!.ToString(), row.GetProperty("urls")[0].GetString());
            Assert.InRange(row.GetProperty("memoryBytes").GetInt64(), 10L << 20, 4L << 30);
        }

        var evaluations = await DashboardApi.GetAsync(dashboard, "api/evaluations");
        Assert.True(evaluations.GetProperty("available").GetBoolean());
        Assert.Equal(new Uri(composition.App.GetEndpoint("gateway"), "v1").ToString(), evaluations.GetProperty("defaultEndpoint").GetString());
    }

    [Fact]
    public async Task An_otlp_endpoint_set_by_the_user_gets_the_telemetry_instead_of_the_dashboard()
    {
        await using var elsewhere = await DashboardHost.StartAsync();
        await using var composition = new TestComposition(dashboard: true);
        composition.Builder.Options.OtlpEndpoint = elsewhere.BaseAddress;
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        composition.AddGateway(composition.Builder.AddPromptApi("worker").WithModelFile(model));
        await composition.StartAsync();
        var trace = ActivityTraceId.CreateRandom().ToHexString();

        var (status, _) = await Chat.SendAsync(composition.App.GetEndpoint("gateway"), Path.GetFileNameWithoutExtension(model), trace);

        Assert.Equal(200, status);
        await DashboardHost.WaitForAsync(() => elsewhere.Store.Spans().Any(s => s.TraceId == trace && s.Name == "decode"), "the chat's decode span elsewhere");
        var overview = await DashboardApi.GetAsync(composition.App.DashboardUrl!, "api/overview");
        Assert.Equal(0L, overview.GetProperty("counts").GetProperty("spans").GetInt64());
        Assert.Equal(2, (await DashboardApi.GetAsync(composition.App.DashboardUrl!, "api/resources")).GetArrayLength());
    }

    [Theory]
    [InlineData("http://127.0.0.1:18888", "http://127.0.0.1:18888/")]
    [InlineData("OFF", null)]
    [InlineData(null, "http://127.0.0.1:0/")]
    public void The_dashboard_address_is_a_loopback_url_or_off(string? value, string? expected) =>
        Assert.Equal(expected, Dashboard.DashboardAddress.Parse(value)?.ToString());

    [Theory]
    [InlineData("18888")]
    [InlineData("https://127.0.0.1:18888")]
    [InlineData("http://127.0.0.1:18888/dashboard")]
    public void Anything_else_is_refused_naming_the_variable(string value)
    {
        var error = Assert.Throws<Cli.AppHostUsageException>(() => Dashboard.DashboardAddress.Parse(value));
        Assert.StartsWith("EDGEASPIRE_DASHBOARD_URL=", error.Message, StringComparison.Ordinal);
    }
}
