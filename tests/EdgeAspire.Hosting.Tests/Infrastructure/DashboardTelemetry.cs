using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The Aspire dashboard's telemetry API (<c>/api/telemetry/*</c>, header <c>x-api-key</c>), whose traces are
/// OTLP JSON: what the services exported, as the dashboard stored it.</summary>
internal sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    public sealed record Span(string Service, string Name, string SpanId, string? ParentSpanId, long Start, int Events, IReadOnlyDictionary<string, string> Attributes);

    private readonly HttpClient _http = new() { BaseAddress = dashboard, DefaultRequestHeaders = { { "x-api-key", apiKey } }, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The trace's spans once <paramref name="complete"/> says they have all arrived (exports are batched).</summary>
    public async Task<IReadOnlyList<Span>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<Span>, bool> complete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<Span> spans = [];
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync($"/api/telemetry/traces/{traceId}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                spans = Parse(await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
                if (complete(spans))
                {
                    return spans;
                }
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        return spans;
    }

    public async Task<JsonElement> GetAsync(string path) =>
        await _http.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    private static List<Span> Parse(JsonElement body)
    {
        var spans = new List<Span>();
        foreach (var resource in body.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attributes(resource.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new Span(service, span.GetProperty("name").GetString()!, span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                        long.Parse(span.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        span.TryGetProperty("events", out var events) ? events.GetArrayLength() : 0,
                        Attributes(span)));
                }
            }
        }
        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonElement owner) =>
        owner.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").EnumerateObject().First().Value.ToString())
            : [];

    public void Dispose() => _http.Dispose();
}
