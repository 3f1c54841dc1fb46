using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the tracer and meter providers (OpenTelemetry.Extensions.Hosting is not available here). They are built
/// in <see cref="StartingAsync"/>, before the server accepts its first request, and shut down (flushed) in
/// <see cref="StoppedAsync"/>, after the server has finished its last one.
/// </summary>
internal sealed class TelemetryProviders(
    IConfiguration configuration,
    IOptions<ServiceTelemetryOptions> options,
    ServiceResource resource) : IHostedLifecycleService, IDisposable
{
    private const int ShutdownTimeoutMilliseconds = 5_000;

    private TracerProvider? _tracerProvider;
    private MeterProvider? _meterProvider;

    public TracerProvider? TracerProvider => _tracerProvider;

    public MeterProvider? MeterProvider => _meterProvider;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var exportOverOtlp = OtlpSettings.IsEnabled(configuration);

        // The standalone builders have their own service collection; handing them the host's configuration makes
        // the OTEL_* settings (exporter, batch processor, metric reader) come from the same place as everything else.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource.Configure)
            .AddSource([.. settings.ActivitySources]);
        if (exportOverOtlp)
        {
            tracing.AddOtlpExporter(otlp => OtlpSettings.Apply(otlp, configuration));
        }

        settings.ConfigureTracing?.Invoke(tracing);
        _tracerProvider = tracing.Build();

        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource.Configure)
            .AddMeter([.. settings.Meters]);
        if (exportOverOtlp)
        {
            metrics.AddOtlpExporter(otlp => OtlpSettings.Apply(otlp, configuration));
        }

        settings.ConfigureMetrics?.Invoke(metrics);
        _meterProvider = metrics.Build();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _tracerProvider?.Shutdown(ShutdownTimeoutMilliseconds);
        _meterProvider?.Shutdown(ShutdownTimeoutMilliseconds);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracerProvider?.Dispose();
        _meterProvider?.Dispose();
    }
}
