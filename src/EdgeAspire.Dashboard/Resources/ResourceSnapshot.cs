namespace EdgeAspire.Dashboard.Resources;

/// <summary>One resource as the Resources page shows it.</summary>
/// <param name="Name">The resource's name in the AppHost (e.g. <c>worker-a-0</c>).</param>
/// <param name="State">Free text, e.g. <c>Starting</c>, <c>Running</c>, <c>Exited</c>, <c>Silent</c>.</param>
/// <param name="ServiceName">The <c>service.name</c> its telemetry carries (<c>OTEL_SERVICE_NAME</c>); links the
/// resource to its logs, traces and metrics. Defaults to <paramref name="Name"/> when null.</param>
/// <param name="CpuPercent">Of one core (200 = two cores busy).</param>
public sealed record ResourceSnapshot(
    string Name,
    string State,
    string? Type = null,
    IReadOnlyList<string>? Urls = null,
    int Restarts = 0,
    int? ProcessId = null,
    double? CpuPercent = null,
    long? MemoryBytes = null,
    DateTimeOffset? LastSeen = null,
    string? ServiceName = null);
