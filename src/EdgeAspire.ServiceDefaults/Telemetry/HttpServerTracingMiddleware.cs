using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// ASP.NET Core in .NET 10 starts the server span (ActivitySource "Microsoft.AspNetCore") but, without the
/// OpenTelemetry instrumentation package, leaves it nameless and untagged. This names it "{METHOD} {route}" and
/// adds the HTTP server semantic-convention tags. Health probes and metric scrapes are marked not recorded: exporters skip them and
/// anything they call is dropped by the parent-based sampler.
/// </summary>
internal sealed class HttpServerTracingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Tagged like any request (so a leak would be visible), then dropped.
        HttpServerSpan.OnRequest(activity, context.Request);
        if (IsProbeOrScrape(context.Request.Path))
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            HttpServerSpan.OnException(activity, context, exception);
            throw;
        }

        HttpServerSpan.OnResponse(activity, context);
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.Equals(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Microsoft.Extensions.Hosting.Extensions.MetricsEndpointPath, StringComparison.OrdinalIgnoreCase);
}
