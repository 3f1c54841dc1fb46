using EdgeAspire.Hosting.Publishing.Input;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>What every manifest needs to know about the whole composition: settings, image names, in-cluster
/// addresses, and the environment every one of our pods gets.</summary>
internal sealed class K3sContext(IReadOnlyList<PublishedProject> resources, K3sSettings settings, TextWriter report)
{
    public K3sSettings Settings { get; } = settings;

    public IReadOnlyList<PublishedProject> Resources { get; } = resources;

    /// <summary>The ModelStore's in-cluster address, when the composition has one.</summary>
    public string? StoreUrl { get; } = resources.FirstOrDefault(r => r.Role == ResourceRole.ModelStore) is { } store ? Address(store) : null;

    public static string Address(PublishedProject resource) => $"http://{resource.Name}:{resource.Endpoints[0].Port}";

    public string Image(PublishedProject resource) => $"{Settings.Registry}/{resource.ImageName}:{Settings.ImageTag}";

    public void Report(string line) => report.WriteLine(line);

    /// <summary>The composition's environment (references already point at Services) plus telemetry to the
    /// cluster's dashboard with its key, the service name, and the pod's identity for the <c>k8s.*</c> attributes.</summary>
    public static PodEnvironment CommonEnv(PublishedProject resource)
    {
        var env = new PodEnvironment();
        foreach (var (key, value) in resource.Environment)
        {
            env.Set(key, value);
        }
        env.Set("OTEL_SERVICE_NAME", resource.Name)
            .Set("OTEL_EXPORTER_OTLP_ENDPOINT", DashboardManifests.OtlpHttpAddress)
            .Set("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .SetSecret("OTLP_API_KEY", ClusterSecret.OtlpApiKey)
            .Set("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=$(OTLP_API_KEY)");
        foreach (var variable in Kube.DownwardApiEnv())
        {
            env.Set(variable);
        }
        return env;
    }
}
