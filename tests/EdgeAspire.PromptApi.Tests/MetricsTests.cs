using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Prometheus_output_counts_requests_tokens_and_latency()
    {
        await using var server = await ServerAfterOneChatAsync();
        var ct = TestModels.Timeout();
        var before = await ScrapeAsync(server, ct);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(server.Client, "/v1/chat/completions", s_chat, ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync(server.Client, "/v1/chat/completions", new { model = "nope", messages = s_hi }, ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsync(server.Client, "/v1/chat/completions", new { model = TestModels.Synthetic, messages = s_hi, max_tokens = -1 }, ct)).Status);
        var after = await ScrapeAsync(server, ct);

        const string Route = "/v1/chat/completions";
        Assert.Equal("counter", after.Types["edgeaspire_requests_total"]);
        Assert.Equal(1, before.Value("edgeaspire_requests_total", ("http_route", Route), ("http_response_status_code", "200")));
        Assert.Equal(2, after.Value("edgeaspire_requests_total", ("http_route", Route), ("http_response_status_code", "200")));
        Assert.Equal(1, after.Value("edgeaspire_requests_total", ("http_route", Route), ("http_response_status_code", "404")));
        Assert.Equal(1, after.Value("edgeaspire_requests_total", ("http_route", Route), ("http_response_status_code", "400")));
        Assert.Equal(10, after.Value("edgeaspire_generated_tokens_total", ("gen_ai_request_model", TestModels.Synthetic)));
        Assert.True(after.Value("edgeaspire_prompt_tokens_total", ("gen_ai_request_model", TestModels.Synthetic)) > before.Value("edgeaspire_prompt_tokens_total", ("gen_ai_request_model", TestModels.Synthetic)));

        Assert.Equal("histogram", after.Types["gen_ai_server_time_to_first_token_seconds"]);
        (string, string)[] chatOnModel = [("gen_ai_operation_name", "chat"), ("gen_ai_provider_name", "llama.cpp"), ("gen_ai_request_model", TestModels.Synthetic)];
        Assert.Equal(2, after.Value("gen_ai_server_time_to_first_token_seconds_count", chatOnModel));
        Assert.Contains(after.Family("gen_ai_server_time_to_first_token_seconds"), s => s.Labels.TryGetValue("le", out var le) && le == "600");
        Assert.Equal(2, after.Value("gen_ai_server_time_per_output_token_seconds_count", ("gen_ai_request_model", TestModels.Synthetic)));
        // A token every minute or two is a big model on a small node, not an outlier for +Inf.
        Assert.Contains(after.Family("gen_ai_server_time_per_output_token_seconds"), s => s.Labels.TryGetValue("le", out var le) && le == "120");
        Assert.Equal(1, after.Value("edgeaspire_models_loaded"));
        // Every request to a served model is timed, a failed one under its error.type; one to an unknown model is not
        // (its name is the client's free text).
        var durations = after.Family("gen_ai_server_request_duration_seconds").Where(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, durations.Single(s => !s.Labels.ContainsKey("error_type") && chatOnModel.All(l => s.Labels[l.Item1] == l.Item2)).Value);
        Assert.Equal(1, after.Value("gen_ai_server_request_duration_seconds_count", [.. chatOnModel, ("error_type", "RequestValidationException")]));
        Assert.DoesNotContain(durations, s => s.Labels["gen_ai_request_model"] == "nope");
        Assert.Contains(after.Family("gen_ai_server_request_duration_seconds"), s => s.Labels.TryGetValue("le", out var le) && le == "600");
        Assert.Equal(2, after.Value("gen_ai_client_token_usage_count", ("gen_ai_request_model", TestModels.Synthetic), ("gen_ai_token_type", "output")));
        Assert.Equal(10, after.Value("gen_ai_client_token_usage_sum", ("gen_ai_request_model", TestModels.Synthetic), ("gen_ai_token_type", "output")));
        Assert.Equal(0, after.Value("edgeaspire_queue_depth", ("gen_ai_request_model", TestModels.Synthetic)));
        Assert.True(after.Value("edgeaspire_models_memory_bytes") > 0);
        Assert.InRange(after.Value("edgeaspire_kv_cache_usage", ("gen_ai_request_model", TestModels.Synthetic)), 0.001, 1);
        Assert.True(CpuSeconds(after) >= CpuSeconds(before));
        Assert.True(after.Value("process_memory_usage_bytes") > 0);
    }

    [Fact]
    public async Task A_real_Prometheus_scrapes_the_time_to_first_token_histogram_with_its_long_buckets()
    {
        await using var server = await ServerAfterOneChatAsync();
        var ct = TestModels.Timeout();

        // The contract as a real Prometheus server sees it, not as our own parser reads it.
        await using var prometheus = await PrometheusServer.StartAsync(server.BaseAddress, ct);
        var buckets = await prometheus.QueryAsync(
            $"gen_ai_server_time_to_first_token_seconds_bucket{{gen_ai_request_model=\"{TestModels.Synthetic}\"}}", samples => samples.Count > 0, ct);
        var up = await prometheus.QueryAsync("up{job=\"promptapi\"}", samples => samples.Count > 0, ct);

        Assert.Equal(1, Assert.Single(up).Value);
        Assert.All(buckets, b => Assert.Equal("chat", b.Labels["gen_ai_operation_name"]));
        Assert.Equal(1, buckets.Single(b => UpperBound(b.Labels) == 600).Value); // the long buckets reach 10 minutes
        Assert.Equal(1, buckets.Single(b => UpperBound(b.Labels) == double.PositiveInfinity).Value);
        var median = await prometheus.QueryAsync(
            "histogram_quantile(0.5, gen_ai_server_time_to_first_token_seconds_bucket)", samples => samples.Count > 0, ct);
        Assert.InRange(Assert.Single(median).Value, 0, 600);
    }

    // Scraped as OpenMetrics, "600" is stored as "600.0".
    private static double UpperBound(IReadOnlyDictionary<string, string> labels) =>
        labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(labels["le"], System.Globalization.CultureInfo.InvariantCulture);

    private static readonly object[] s_hi = [new { role = "user", content = "Hi" }];

    private static readonly object s_chat = new { model = TestModels.Synthetic, messages = s_hi, max_tokens = 5, temperature = 0, ignore_eos = true };

    private static async Task<PromptApiServer> ServerAfterOneChatAsync()
    {
        var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(server.Client, "/v1/chat/completions", s_chat, TestModels.Timeout())).Status);
        return server;
    }

    // OpenTelemetry's process instrumentation reports user and system time as two series.
    private static double CpuSeconds(PrometheusText metrics) => metrics.Family("process_cpu_time_seconds_total").Sum(s => s.Value);

    private static async Task<PrometheusText> ScrapeAsync(PromptApiServer server, CancellationToken ct)
    {
        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync(ct));
    }
}
