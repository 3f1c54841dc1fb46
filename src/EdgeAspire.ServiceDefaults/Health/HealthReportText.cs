using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.ServiceDefaults.Health;

/// <summary>The readiness answer as text: the status alone when healthy (what probes and the default writer give),
/// else the status and one line per check that is not healthy with its description, so <c>curl /health</c> says what
/// is wrong.</summary>
internal static class HealthReportText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries
            .Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Status.ToString()}");
        var text = report.Status == HealthStatus.Healthy ? report.Status.ToString() : string.Join('\n', [report.Status.ToString(), .. problems]);
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
