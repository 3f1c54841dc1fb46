using System.Diagnostics;
using System.Net;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class ServerSpanTests : IAsyncLifetime
{
    private readonly CollectingExporter _exporter = new();
    private LoopbackServer? _server;
    private HttpClient? _client;

    private LoopbackServer Server => _server!;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGet("/items/{id}", (int id) => TypedResults.Ok(new { id }));
                app.MapGet("/broken", () => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable));
                app.MapGet("/throws", string () => throw new InvalidOperationException("boom"));
            },
            builder =>
            {
                builder.AddServiceDefaults();
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(_exporter)));
            });

        // No client-side propagation: the traceparent a test sends is the only one on the wire.
        _client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = Server.BaseAddress };
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
    public async Task Server_span_is_named_after_the_route_and_carries_http_tags()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items/42?verbose=1");
        request.Headers.UserAgent.ParseAdd("edge-test/1.0");
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        var span = await _exporter.WaitForAsync(a => IsOurs(a, "/items/42"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("GET /items/{id}", span.DisplayName);
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/items/42", span.GetTagItem("url.path"));
        Assert.Equal("http", span.GetTagItem("url.scheme"));
        Assert.Equal("/items/{id}", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(Server.Port, span.GetTagItem("server.port"));
        Assert.Equal("edge-test/1.0", span.GetTagItem("user_agent.original"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Server_error_status_marks_the_span_as_error()
    {
        using var response = await Client.GetAsync("/broken", TestContext.Current.CancellationToken);

        var span = await _exporter.WaitForAsync(a => IsOurs(a, "/broken"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, span.GetTagItem("http.response.status_code"));
        Assert.Equal("503", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Unhandled_exception_is_recorded_on_the_span()
    {
        using var response = await Client.GetAsync("/throws", TestContext.Current.CancellationToken);

        var span = await _exporter.WaitForAsync(a => IsOurs(a, "/throws"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("GET /throws", span.DisplayName);
        Assert.Equal(500, span.GetTagItem("http.response.status_code"));
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task Health_probes_and_metric_scrapes_are_not_exported()
    {
        // One connection, so the probes' server spans have ended before the last request starts.
        (await Client.GetAsync(Extensions.HealthEndpointPath, TestContext.Current.CancellationToken)).Dispose();
        (await Client.GetAsync(Extensions.AlivenessEndpointPath, TestContext.Current.CancellationToken)).Dispose();
        (await Client.GetAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken)).Dispose();
        (await Client.GetAsync("/items/7", TestContext.Current.CancellationToken)).Dispose();

        await _exporter.WaitForAsync(a => IsOurs(a, "/items/7"));
        Assert.DoesNotContain(_exporter.Seen, a => IsOurs(a, Extensions.HealthEndpointPath));
        Assert.DoesNotContain(_exporter.Seen, a => IsOurs(a, Extensions.AlivenessEndpointPath));
        Assert.DoesNotContain(_exporter.Seen, a => IsOurs(a, Extensions.MetricsEndpointPath));
    }

    [Fact]
    public async Task Incoming_traceparent_becomes_the_parent_of_the_server_span()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var parentId = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items/1");
        request.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");

        (await Client.SendAsync(request, TestContext.Current.CancellationToken)).Dispose();

        var span = await _exporter.WaitForAsync(a => IsOurs(a, "/items/1"));
        Assert.Equal(traceId, span.TraceId);
        Assert.Equal(parentId, span.ParentSpanId);
    }

    private bool IsOurs(Activity activity, string? path) =>
        activity.Kind == ActivityKind.Server
        && activity.GetTagItem("server.port") is int port && port == Server.Port
        && (path is null || Equals(activity.GetTagItem("url.path"), path));
}
