using EdgeAspire.Dashboard;
using EdgeAspire.Dashboard.Api;
using EdgeAspire.Dashboard.Evaluations;
using EdgeAspire.Dashboard.Otlp;
using EdgeAspire.Dashboard.Resources;
using EdgeAspire.Dashboard.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>Hosting the dashboard in any ASP.NET Core app (the AppHost does):
/// <c>builder.Services.AddEdgeDashboard();</c> then <c>app.MapEdgeDashboard();</c>.</summary>
public static class DashboardExtensions
{
    /// <summary>Registers the telemetry store and the default <see cref="IResourceStateProvider"/> and
    /// <see cref="IEvaluationLauncher"/>; register your own implementations before or after this call to replace
    /// them. Options bind from the <c>Dashboard</c> configuration section, then <paramref name="configure"/>.</summary>
    public static IServiceCollection AddEdgeDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        var options = services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TelemetryStore>();
        services.TryAddSingleton<IResourceStateProvider, TelemetryResourceStateProvider>();
        services.TryAddSingleton<IEvaluationLauncher, ProcessEvaluationLauncher>();
        return services;
    }

    /// <summary>Maps the OTLP/HTTP receiver (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), the page
    /// (<c>/</c>, <c>/assets/*</c>) and its JSON API (<c>/api/*</c>). Point exporters at the app's base address:
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT=http://host:port</c> with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.</summary>
    public static IEndpointConventionBuilder MapEdgeDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        group.MapOtlpReceiver();
        group.MapTelemetryApi();
        group.MapEvaluationsApi();
        group.MapStaticAssets();
        return group;
    }
}
