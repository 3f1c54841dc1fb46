using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class PrometheusEndpointTests : IAsyncLifetime
{
    private const string Escaped = "say \"hi\" \\ then\nbye";

    private readonly CollectingExporter _exporter = new();
    private LoopbackServer? _server;
    private HttpClient? _client;
    private Counter<long>? _requests;
    private Histogram<double>? _latency;
    private UpDownCounter<int>? _inFlight;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            app =>
            {
                // From this host's factory: another test's host in the same process does not see these.
                var meter = app.Services.GetRequiredService<IMeterFactory>().Create("EdgeAspire.Test");
                _requests = meter.CreateCounter<long>("edgeaspire.test.requests", "{request}", "Requests served");
                _latency = meter.CreateHistogram("edgeaspire.test.latency", "s", "Request latency",
                    advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
                _inFlight = meter.CreateUpDownCounter<int>("edgeaspire.test.in_flight", "{request}");
                meter.CreateObservableGauge("edgeaspire.test.model.memory", () => new[]
                {
                    new Measurement<long>(1_000, new KeyValuePair<string, object?>("gen_ai.request.model", "qwen")),
                    new Measurement<long>(2_000, new KeyValuePair<string, object?>("gen_ai.request.model", "phi")),
                }, "By", "Bytes a model takes");
                app.Services.GetRequiredService<IMeterFactory>().Create("Other.Test").CreateCounter<long>("other.requests").Add(1);

                app.MapDefaultEndpoints();
                app.MapGet("/items/{id}", (int id) => TypedResults.Ok(id));
            },
            builder => builder.AddServiceDefaults(telemetry =>
                telemetry.ConfigureTracing = tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(_exporter))));
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _exporter.Dispose();
    }

    [Fact]
    public async Task Scrape_renders_every_instrument_kind_in_text_format_0_0_4()
    {
        _requests!.Add(2, new KeyValuePair<string, object?>("http.route", "/v1/chat"));
        _requests.Add(3, new KeyValuePair<string, object?>("http.route", "/v1/chat"));
        _requests.Add(-7, new KeyValuePair<string, object?>("http.route", "/v1/chat")); // a counter never goes down
        _requests.Add(1, new KeyValuePair<string, object?>("http.route", "/v1/models"));
        foreach (var seconds in new[] { 0.05, 0.1, 0.5, 3, 30 })
        {
            _latency!.Record(seconds, new KeyValuePair<string, object?>("gen_ai.request.model", "qwen"));
        }

        _inFlight!.Add(3);
        _inFlight.Add(-1);

        using var response = await Client.GetAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken);
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("counter", metrics.Types["edgeaspire_test_requests_total"]);
        Assert.Equal("Requests served", metrics.Help["edgeaspire_test_requests_total"]);
        Assert.Equal(5, metrics.Value("edgeaspire_test_requests_total", ("http_route", "/v1/chat")));
        Assert.Equal(1, metrics.Value("edgeaspire_test_requests_total", ("http_route", "/v1/models")));

        Assert.Equal("histogram", metrics.Types["edgeaspire_test_latency_seconds"]);
        var model = ("gen_ai_request_model", "qwen");
        Assert.Equal(["0.1", "1", "10", "+Inf"], metrics.Family("edgeaspire_test_latency_seconds")
            .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => s.Labels["le"]));
        Assert.Equal(2, metrics.Value("edgeaspire_test_latency_seconds_bucket", model, ("le", "0.1"))); // le is inclusive
        Assert.Equal(3, metrics.Value("edgeaspire_test_latency_seconds_bucket", model, ("le", "1")));
        Assert.Equal(4, metrics.Value("edgeaspire_test_latency_seconds_bucket", model, ("le", "10")));
        Assert.Equal(5, metrics.Value("edgeaspire_test_latency_seconds_bucket", model, ("le", "+Inf")));
        Assert.Equal(5, metrics.Value("edgeaspire_test_latency_seconds_count", model));
        Assert.Equal(33.65, metrics.Value("edgeaspire_test_latency_seconds_sum", model), 9);

        Assert.Equal("gauge", metrics.Types["edgeaspire_test_in_flight"]);
        Assert.Equal(2, metrics.Value("edgeaspire_test_in_flight"));

        Assert.Equal("gauge", metrics.Types["edgeaspire_test_model_memory_bytes"]);
        Assert.Equal(1_000, metrics.Value("edgeaspire_test_model_memory_bytes", ("gen_ai_request_model", "qwen")));
        Assert.Equal(2_000, metrics.Value("edgeaspire_test_model_memory_bytes", ("gen_ai_request_model", "phi")));

        Assert.DoesNotContain(metrics.Types.Keys, name => name.StartsWith("other_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Counters_grow_monotonically_across_scrapes()
    {
        _requests!.Add(4);
        var first = await ScrapeAsync();
        _requests.Add(6);
        var second = await ScrapeAsync();

        Assert.Equal(4, first.Value("edgeaspire_test_requests_total"));
        Assert.Equal(10, second.Value("edgeaspire_test_requests_total"));
        Assert.True(second.Value("process_cpu_seconds_total") >= first.Value("process_cpu_seconds_total"));
    }

    [Fact]
    public async Task Concurrent_recording_loses_no_measurement()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            // Same tags in both orders: one series.
            KeyValuePair<string, object?>[] tags = worker % 2 == 0
                ? [new("gen_ai.request.model", "qwen"), new("http.route", "/v1/chat")]
                : [new("http.route", "/v1/chat"), new("gen_ai.request.model", "qwen")];
            for (var i = 0; i < 10_000; i++)
            {
                _requests!.Add(1, tags);
                _latency!.Record(0.5, tags);
            }
        }, TestContext.Current.CancellationToken)));

        var metrics = await ScrapeAsync();

        Assert.Equal(80_000, metrics.Value("edgeaspire_test_requests_total", ("gen_ai_request_model", "qwen"), ("http_route", "/v1/chat")));
        Assert.Equal(80_000, metrics.Value("edgeaspire_test_latency_seconds_count", ("gen_ai_request_model", "qwen")));
        Assert.Equal(40_000, metrics.Value("edgeaspire_test_latency_seconds_sum", ("gen_ai_request_model", "qwen")));
    }

    [Fact]
    public async Task Label_values_escape_quotes_backslashes_and_newlines()
    {
        _requests!.Add(1, new KeyValuePair<string, object?>("note", Escaped));

        var text = await Client.GetStringAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken);
        var metrics = PrometheusText.Parse(text);

        Assert.Contains("""edgeaspire_test_requests_total{note="say \"hi\" \\ then\nbye"} 1""", text, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Value("edgeaspire_test_requests_total", ("note", Escaped)));
    }

    [Fact]
    public async Task Process_cpu_and_resident_memory_have_their_conventional_names()
    {
        var metrics = await ScrapeAsync();

        Assert.Equal("counter", metrics.Types["process_cpu_seconds_total"]);
        Assert.True(metrics.Value("process_cpu_seconds_total") > 0);
        Assert.Equal("gauge", metrics.Types["process_resident_memory_bytes"]);
        Assert.True(metrics.Value("process_resident_memory_bytes") > 1_000_000);
    }

    [Fact]
    public async Task Scrapes_are_not_traced()
    {
        // One connection, so the scrape's server span has ended before the last request starts.
        (await Client.GetAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken)).Dispose();
        (await Client.GetAsync("/items/5", TestContext.Current.CancellationToken)).Dispose();

        await _exporter.WaitForAsync(a => IsOurs(a, "/items/5"));
        Assert.DoesNotContain(_exporter.Seen, a => IsOurs(a, Extensions.MetricsEndpointPath));
    }

    private async Task<PrometheusText> ScrapeAsync() =>
        PrometheusText.Parse(await Client.GetStringAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken));

    private bool IsOurs(Activity activity, string path) =>
        activity.Kind == ActivityKind.Server
        && activity.GetTagItem("server.port") is int port && port == _server!.Port
        && Equals(activity.GetTagItem("url.path"), path);
}
