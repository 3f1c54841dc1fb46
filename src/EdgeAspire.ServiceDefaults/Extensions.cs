using EdgeAspire.ServiceDefaults.Discovery;
using EdgeAspire.ServiceDefaults.Health;
using EdgeAspire.ServiceDefaults.Metrics;
using EdgeAspire.ServiceDefaults.Resilience;
using EdgeAspire.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;

// The Aspire template's namespace, so `builder.AddServiceDefaults()` needs no extra using in Program.cs.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults every EdgeAspire service opts into with one line: OpenTelemetry, health endpoints,
/// Prometheus metrics, service discovery and resilience for every <see cref="HttpClient"/> created by <see cref="IHttpClientFactory"/>.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every registered health check must pass.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Prometheus scrape target (text format 0.0.4) of the meters in <see cref="ServiceTelemetryOptions.PrometheusMeters"/>.</summary>
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Tag of the health checks that <see cref="AlivenessEndpointPath"/> runs.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(
        this TBuilder builder, Action<ServiceTelemetryOptions>? configureTelemetry = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry(configureTelemetry);
        // ASP.NET Core's "Request starting/finished" lines carry the whole URL, query string included, so a key sent
        // as ?api_key= would be written to every log sink. Traces record each request already (with the query's
        // values redacted); these lines add nothing but that risk.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        if (builder.Services.Any(service => service.ServiceType == typeof(HttpResiliencePipelines)))
        {
            // Called twice: the handlers are in place already, and a second pair would retry retries.
            return builder;
        }

        builder.AddDefaultHealthChecks();
        builder.AddPrometheusMetrics();
        builder.AddServiceDiscovery();
        builder.AddHttpResilience();

        // Outermost first: resilience wraps discovery so that every retry resolves again (round-robin).
        builder.Services.ConfigureHttpClientDefaults(http => http
            .AddHttpMessageHandler(sp => new HttpResilienceHandler(sp.GetRequiredService<HttpResiliencePipelines>()))
            .AddHttpMessageHandler(sp => new ServiceDiscoveryHandler(sp.GetRequiredService<IServiceUriResolver>())));

        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs through the OpenTelemetry SDK, exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured. See <see cref="ServiceTelemetryOptions"/> for the defaults.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(
        this TBuilder builder, Action<ServiceTelemetryOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        if (builder.Services.Any(service => service.ServiceType == typeof(TelemetryProviders)))
        {
            return builder;
        }

        var resource = new ServiceResource(builder.Configuration, builder.Environment);
        var exportOverOtlp = OtlpSettings.IsEnabled(builder.Configuration);
        builder.Services.AddSingleton(resource);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging =>
        {
            logging.ConfigureResource(resource.Configure);
            if (exportOverOtlp)
            {
                logging.AddOtlpExporter(options => OtlpSettings.Apply(options, builder.Configuration));
            }
        });

        builder.Services.AddSingleton<TelemetryProviders>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryProviders>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, HttpServerTracingStartupFilter>());
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
    /// The in-process Prometheus exposition served by <see cref="MapDefaultEndpoints"/> at <see cref="MetricsEndpointPath"/>,
    /// and the process meter (<c>EdgeAspire.Process</c>: CPU, resident memory, cgroup v2 memory and CPU). It listens to
    /// the meters itself, so it works whether or not OTLP export is configured.
    /// </summary>
    public static TBuilder AddPrometheusMetrics<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(service => service.ServiceType == typeof(PrometheusCollector)))
        {
            return builder;
        }

        builder.Services.AddSingleton<PrometheusCollector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PrometheusCollector>());
        builder.Services.TryAddSingleton<ProcessMeter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProcessMeter>());
        return builder;
    }

    /// <summary>
    /// Service discovery from Aspire-style configuration: <c>services:{name}:{endpointName}:{index}</c>
    /// (environment <c>services__modelstore__http__0=http://10.0.0.5:8080</c>).
    /// </summary>
    public static TBuilder AddServiceDiscovery<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IServiceUriResolver, ConfigurationServiceUriResolver>();
        return builder;
    }

    /// <summary>
    /// Binds <see cref="HttpResilienceOptions"/> from <see cref="HttpResilienceOptions.SectionName"/> and validates
    /// them when the host starts.
    /// </summary>
    public static TBuilder AddHttpResilience<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HttpResilienceOptions>()
            .BindConfiguration(HttpResilienceOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpResilienceOptions>, HttpResilienceOptionsValidator>());
        builder.Services.TryAddSingleton<HttpResiliencePipelines>();
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
        app.MapGet(MetricsEndpointPath, new RequestDelegate(PrometheusEndpoint.WriteAsync)).DisableHttpMetrics();
        return app;
    }
}
