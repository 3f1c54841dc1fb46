namespace EdgeAspire.Hosting;

/// <summary>One replica of a resource as it is now. <see cref="Name"/> is the resource's name, with <c>-{replica}</c>
/// when it has several. <see cref="ServiceName"/> is the <c>OTEL_SERVICE_NAME</c> it was given (its telemetry's
/// <c>service.name</c>).</summary>
public sealed record ResourceSnapshot(
    string Name,
    string ResourceName,
    int Replica,
    string Kind,
    ResourceState State,
    Uri? Url,
    int? ProcessId,
    int Restarts,
    int? LastExitCode,
    DateTimeOffset Changed,
    string? ServiceName = null);
