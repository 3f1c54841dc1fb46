using EdgeAspire.Hosting.Publishing.Input;


using static EdgeAspire.Hosting.Publishing.K8sObjects;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>What every manifest needs to know about the whole composition: image names, in-cluster addresses,
/// the trace viewer's OTLP address.</summary>
internal sealed class K3sContext(IReadOnlyList<PublishedProject> resources, K3sArguments arguments, TextWriter report)
{
    public const string DashboardName = "dashboard";
    public const int DashboardOtlpHttpPort = 18890;

    public K3sArguments Arguments { get; } = arguments;

    public IReadOnlyList<PublishedProject> Resources { get; } = resources;

    /// <summary>The ModelStore's in-cluster address, when the composition has one.</summary>
    public string? StoreUrl { get; } = resources.FirstOrDefault(r => r.Role == ResourceRole.ModelStore) is { } store ? Address(store) : null;

    public static string Address(PublishedProject resource) => $"http://{resource.Name}:{HttpPort}";

    public static string ImageName(IProjectMetadata project) =>
        project is EdgeProject edge ? edge.ImageName : project.AssemblyName.ToLowerInvariant().Replace('.', '-');

    public string Image(IProjectMetadata project) => $"{Arguments.Registry}/{ImageName(project)}:{Arguments.Tag}";

    public void Report(string line) => report.WriteLine(line);

    /// <summary>Discovery and telemetry as locally (one address per Service: K8s balances its pods), the port the
    /// images listen on, and the pod's identity for the <c>k8s.*</c> resource attributes.</summary>
    public static IEnumerable<Node> CommonEnv(PublishedProject resource)
    {
        yield return Env("ASPNETCORE_HTTP_PORTS", HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in ResourceEnvironment.Build(resource, r => [Address(r)]))
        {
            yield return Env(key, value);
        }
        yield return Env("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://{DashboardName}:{DashboardOtlpHttpPort}");
        yield return Env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        foreach (var env in DownwardApiEnv())
        {
            yield return env;
        }
    }
}
