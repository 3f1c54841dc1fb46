using System.Diagnostics.Metrics;
using EdgeAspire.ServiceDefaults.Health;
using EdgeAspire.ServiceDefaults.Resilience;
using EdgeAspire.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The Aspire template's namespace, so `builder.AddServiceDefaults()` needs no extra using in Program.cs.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults every EdgeAspire service opts into with one line, in the shape of Aspire's service
/// defaults: OpenTelemetry (OTLP and Prometheus), health endpoints, and service discovery with the standard
/// resilience handler on every <see cref="HttpClient"/> created by <see cref="IHttpClientFactory"/>.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every registered health check must pass.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Prometheus scrape target of every meter the services export.</summary>
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Tag of the health checks that <see cref="AlivenessEndpointPath"/> runs.</summary>
    public const string LiveTag = "live";

    /// <summary>Our own ActivitySources and meters (<c>EdgeAspire.PromptApi</c>, <c>EdgeAspire.Cgroup</c>, …).</summary>
    public const string EdgeAspireSources = "EdgeAspire.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // StandardResilience is registered only here, as the mark that the defaults are in place: called twice, a
        // second resilience handler would retry retries.
        if (builder.Services.Any(service => service.ServiceType == typeof(StandardResilience)))
        {
            return builder;
        }

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // ASP.NET Core's "Request starting/finished" lines carry the whole URL, query string included, so a key sent
        // as ?api_key= would be written to every log sink. Traces record each request already (with the query's
        // values redacted); these lines add nothing but that risk.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.Services.AddSingleton<StandardResilience>();
        builder.Services.AddServiceDiscovery();
        builder.Services.AddOptions<HttpResilienceOptions>()
            .BindConfiguration(HttpResilienceOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpResilienceOptions>, HttpResilienceOptionsValidator>());
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler().Configure((standard, services) =>
                StandardResilience.Apply(standard, services.GetRequiredService<IOptions<HttpResilienceOptions>>().Value));
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry.Extensions.Hosting: ASP.NET Core, HttpClient, runtime and
    /// process instrumentation plus our <see cref="EdgeAspireSources"/>; the Prometheus exporter always, OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var resource = new ServiceResource(builder.Configuration, builder.Environment);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource.Configure)
            .WithTracing(tracing => tracing
                .AddSource(EdgeAspireSources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    aspNetCore.Filter = context => !IsProbeOrScrape(context.Request.Path);
                    aspNetCore.RecordException = true;
                })
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(EdgeAspireSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter(prometheus =>
                {
                    // Every scrape sees the values of that moment (the exporter would otherwise serve one response
                    // for 300 ms), and series carry only their own labels, as Prometheus' own exporters do.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    prometheus.ScopeInfoEnabled = false;
                }));
        OtlpExport.UseWhenConfigured(otel, builder.Configuration);
        // The SDK listens to meters by name, process-wide: a second host in the process (a test's gateway beside its
        // workers) would have its measurements counted here too. Keep this host's meters and the static ones.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var ours = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, ours) ? MetricStreamConfiguration.Drop : null);
        });

        builder.Services.TryAddSingleton<CgroupMeter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CgroupMeter>());
        return builder;
    }

    /// <summary>A "self" check tagged <see cref="LiveTag"/>: the process answers, so it is alive.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <see cref="HealthEndpointPath"/> (readiness), <see cref="AlivenessEndpointPath"/> (liveness) and
    /// <see cref="MetricsEndpointPath"/> (Prometheus). Probe and scrape requests are left out of traces and HTTP
    /// metrics: a kubelet or a Prometheus server polls them every few seconds.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportText.WriteAsync }).DisableHttpMetrics();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .DisableHttpMetrics();
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath).DisableHttpMetrics();
        return app;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.Equals(HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(MetricsEndpointPath, StringComparison.OrdinalIgnoreCase);
}
