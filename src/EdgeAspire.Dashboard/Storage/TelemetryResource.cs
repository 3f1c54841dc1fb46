namespace EdgeAspire.Dashboard.Storage;

/// <summary>The OTLP resource that sent a batch: <c>service.name</c> (OTLP's default <c>unknown_service</c> when the
/// exporter set none), <c>service.instance.id</c> and every attribute as sent.</summary>
public sealed record TelemetryResource(string ServiceName, string? InstanceId, IReadOnlyDictionary<string, object?> Attributes)
{
    public const string UnknownService = "unknown_service";

    public static TelemetryResource From(IReadOnlyDictionary<string, object?> attributes) => new(
        attributes.TryGetValue("service.name", out var name) && name is string { Length: > 0 } service ? service : UnknownService,
        attributes.TryGetValue("service.instance.id", out var instance) ? instance as string : null,
        attributes);
}
