using EdgeAspire.Dashboard.Models;
using EdgeAspire.Dashboard.Resources;
using EdgeAspire.Dashboard.Storage;
using EdgeAspire.Dashboard.Traces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdgeAspire.Dashboard.Api;

/// <summary>The JSON behind the pages: resources, logs, traces, models.</summary>
internal static class TelemetryApi
{
    public static void MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/overview", Overview);
        api.MapGet("/resources", ResourcesAsync);
        api.MapGet("/logs", Logs);
        api.MapGet("/traces", TraceList);
        api.MapGet("/traces/{traceId}", Trace);
        api.MapGet("/models", ModelList);
    }

    private static JsonHttpResult<object> Json(object value) => TypedResults.Json(value, DashboardJson.Options);

    private static JsonHttpResult<object> Overview(TelemetryStore store) => Json(new
    {
        counts = store.Counts(),
        services = ServiceActivity.From(store).Keys.Order(StringComparer.Ordinal),
        models = TraceQueries.List(store.Spans(), new TraceFilter(null, null, null, null, null, int.MaxValue))
            .SelectMany(t => t.Models).Distinct().Order(StringComparer.Ordinal),
    });

    private static async Task<JsonHttpResult<object>> ResourcesAsync(IResourceStateProvider provider, TelemetryStore store, CancellationToken cancellationToken)
    {
        var activity = ServiceActivity.From(store);
        var resources = await provider.GetResourcesAsync(cancellationToken);
        // The AppHost knows processes, the telemetry knows what they report: fill what the provider left empty.
        return Json(resources.Select(r =>
        {
            var service = r.ServiceName ?? r.Name;
            return activity.TryGetValue(service, out var seen)
                ? r with { ServiceName = service, CpuPercent = r.CpuPercent ?? seen.CpuPercent, MemoryBytes = r.MemoryBytes ?? seen.MemoryBytes, LastSeen = r.LastSeen ?? seen.LastSeen }
                : r with { ServiceName = service };
        }).ToList());
    }

    private static JsonHttpResult<object> Logs(TelemetryStore store, long? after, string? service, int? minSeverity, string? search, int? limit)
    {
        var all = store.Logs(after ?? 0);
        var entries = all
            .Where(l => string.IsNullOrEmpty(service) || l.Record.Resource.ServiceName == service)
            .Where(l => minSeverity is not { } min || l.Record.SeverityNumber >= min)
            .Where(l => string.IsNullOrEmpty(search) || l.Record.Body.Contains(search, StringComparison.OrdinalIgnoreCase)
                || l.Record.Attributes.Values.Any(v => v is string s && s.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .TakeLast(Math.Clamp(limit ?? 500, 1, 5000))
            .Select(l => LogEntry.From(l.Sequence, l.Record));
        return Json(new { last = all.Count > 0 ? all[^1].Sequence : after ?? 0, records = entries.ToList() });
    }

    private static JsonHttpResult<object> TraceList(TelemetryStore store, string? service, string? model, string? status, double? minMs, double? maxMs, int? limit) =>
        Json(TraceQueries.List(store.Spans(), new TraceFilter(service, model, status, minMs, maxMs, Math.Clamp(limit ?? 200, 1, 5000))));

    private static Results<JsonHttpResult<object>, NotFound<string>> Trace(TelemetryStore store, string traceId) =>
        TraceQueries.Get(store.Spans(), traceId) is { } spans ? Json(new { traceId, spans }) : TypedResults.NotFound($"no trace {traceId} in memory");

    private static JsonHttpResult<object> ModelList(TelemetryStore store) => Json(ModelQueries.List(store.Spans(), store.Metrics()));
}
