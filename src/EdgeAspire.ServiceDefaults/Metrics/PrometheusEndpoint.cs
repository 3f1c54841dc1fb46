using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>Answers a scrape with the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static Task WriteAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<PrometheusCollector>().Collect();
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
