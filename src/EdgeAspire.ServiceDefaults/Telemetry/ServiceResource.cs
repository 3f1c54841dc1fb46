using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// The resource shared by traces, metrics and logs, so all three carry the same <c>service.instance.id</c>.
/// <c>service.name</c> is <c>OTEL_SERVICE_NAME</c>, else the application name. The Kubernetes attributes come from
/// <c>K8S_POD_NAME</c>, <c>K8S_NODE_NAME</c> and <c>K8S_NAMESPACE</c>, which our manifests set through the downward
/// API (<c>metadata.name</c>, <c>spec.nodeName</c>, <c>metadata.namespace</c>). <c>OTEL_RESOURCE_ATTRIBUTES</c> and
/// <c>OTEL_SERVICE_NAME</c> are applied last, so an operator's explicit value wins.
/// </summary>
internal sealed class ServiceResource
{
    private static readonly (string Key, string Attribute)[] s_kubernetesVariables =
    [
        ("K8S_POD_NAME", "k8s.pod.name"),
        ("K8S_NODE_NAME", "k8s.node.name"),
        ("K8S_NAMESPACE", "k8s.namespace.name"),
    ];

    private readonly List<KeyValuePair<string, object>> _attributes;

    public ServiceResource(IConfiguration configuration, IHostEnvironment environment)
    {
        ServiceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : environment.ApplicationName;
        _attributes =
        [
            new("host.name", Environment.MachineName),
            new("host.arch", HostArchitecture(RuntimeInformation.OSArchitecture)),
            new("os.type", OperatingSystemType()),
            new("deployment.environment.name", environment.EnvironmentName),
        ];
        foreach (var (key, attribute) in s_kubernetesVariables)
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                _attributes.Add(new(attribute, value));
            }
        }
    }

    public string ServiceName { get; }

    public string InstanceId { get; } = Guid.NewGuid().ToString();

    public IReadOnlyList<KeyValuePair<string, object>> Attributes => _attributes;

    public void Configure(ResourceBuilder resource) => resource
        .Clear()
        .AddService(ServiceName, serviceInstanceId: InstanceId, autoGenerateServiceInstanceId: false)
        .AddAttributes(_attributes)
        .AddTelemetrySdk()
        .AddEnvironmentVariableDetector();

    // Values from the semantic conventions' host.arch enumeration.
    internal static string HostArchitecture(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm32",
        Architecture.X86 => "x86",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string OperatingSystemType() =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : "unknown";
}
