using EdgeAspire.ServiceDefaults.Metrics;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("gen_ai.server.request.duration", "s", "Histogram", "gen_ai_server_request_duration_seconds")]
    [InlineData("edgeaspire.requests", "{request}", "Counter", "edgeaspire_requests_total")]
    [InlineData("edgeaspire.models.memory", "By", "Gauge", "edgeaspire_models_memory_bytes")]
    [InlineData("process.cpu", "s", "Counter", "process_cpu_seconds_total")]
    [InlineData("process.resident_memory", "By", "Gauge", "process_resident_memory_bytes")]
    [InlineData("edgeaspire.cgroup.cpu.usage", "s", "Counter", "edgeaspire_cgroup_cpu_usage_seconds_total")]
    [InlineData("db.wait", "ms", "Histogram", "db_wait_milliseconds")]
    [InlineData("queue.latency_seconds", "s", "Gauge", "queue_latency_seconds")]
    [InlineData("jobs_total", "{job}", "Counter", "jobs_total")]
    [InlineData("net.io", "By/s", "Gauge", "net_io_bytes_per_second")]
    [InlineData("tokens.rate", "{token}/s", "Gauge", "tokens_rate_per_second")]
    [InlineData("cache.hit", "1", "Gauge", "cache_hit_ratio")]
    [InlineData("http.server-errors..count", null, "Gauge", "http_server_errors_count")]
    [InlineData("2xx.responses", "", "Counter", "_2xx_responses_total")]
    public void Instrument_names_and_units_map_to_prometheus_names(string name, string? unit, string kind, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(name, unit, Enum.Parse<MetricKind>(kind)));

    [Theory]
    [InlineData("gen_ai.request.model", "gen_ai_request_model")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("9lives", "_9lives")]
    [InlineData("__name__", "key__name__")]
    public void Tag_keys_map_to_label_names(string key, string expected) =>
        Assert.Equal(expected, PrometheusNames.LabelName(key));

    [Fact]
    public void Tags_in_any_order_are_one_series_and_colliding_label_names_are_joined()
    {
        var first = TagSet.Create([new("b", 2), new("a", "x")]);

        Assert.True(first.Matches([new("a", "x"), new("b", 2)]));
        Assert.False(first.Matches([new("a", "x"), new("a", "x")]));
        Assert.Equal("""a="x",b="2" """.TrimEnd(), first.Labels);
        Assert.Equal("""a_b="1;2" """.TrimEnd(), TagSet.Create([new("a_b", 2), new("a.b", 1)]).Labels);
        Assert.Equal("""flag="true",ratio="0.5" """.TrimEnd(), TagSet.Create([new("flag", true), new("ratio", 0.5)]).Labels);
    }
}
