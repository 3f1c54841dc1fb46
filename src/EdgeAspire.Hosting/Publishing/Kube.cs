using System.Globalization;
using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The shapes every manifest shares, as <c>k8s.Models</c> objects: labels, pods that run as the images'
/// non-root user, containers with requests and a memory limit, probes, environment.</summary>
internal static class Kube
{
    public const string PartOf = "edgeaspire";

    /// <summary>The .NET images' non-root <c>app</c> user (<c>$APP_UID</c>), which our Dockerfiles switch to.</summary>
    public const long AppUid = 1654;

    public static Dictionary<string, string> Labels(string name, string component) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    /// <summary>Selectors use the two labels that never change, so a component rename does not orphan pods.</summary>
    public static V1LabelSelector Selector(string name) => new()
    {
        MatchLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = PartOf },
    };

    public static V1ObjectMeta Metadata(string name, string component) => new() { Name = name, Labels = Labels(name, component) };

    public static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/part-of"] = PartOf } },
    };

    /// <summary>Every pod runs as the images' non-root user (uid 1654 for curl's image too, which needs no user of
    /// its own), and mounted volumes get its group so it can write them.</summary>
    public static V1PodSecurityContext PodSecurity() => new() { RunAsNonRoot = true, RunAsUser = AppUid, RunAsGroup = AppUid, FsGroup = AppUid };

    public static V1SecurityContext ContainerSecurity() => new()
    {
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    public static V1PodSpec Pod(params V1Container[] containers) => new()
    {
        SecurityContext = PodSecurity(),
        Containers = containers,
    };

    public static V1Deployment Deployment(string name, string component, int replicas, V1PodSpec pod, V1DeploymentStrategy? strategy = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Metadata(name, component),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Strategy = strategy ?? new V1DeploymentStrategy { Type = "RollingUpdate" },
            Selector = Selector(name),
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = Labels(name, component) }, Spec = pod },
        },
    };

    /// <summary>A rollout that stops an old pod before it starts the new one: a pod whose memory request equals its
    /// limit and fills most of a node cannot be scheduled next to its predecessor.</summary>
    public static V1DeploymentStrategy NoSurge() => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "0", MaxUnavailable = "1" },
    };

    public static V1Service Service(string name, string component, IEnumerable<PublishedEndpoint> endpoints) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(name, component),
        Spec = new V1ServiceSpec
        {
            Selector = Selector(name).MatchLabels,
            Ports = [.. endpoints.Select(e => new V1ServicePort { Name = e.Name, Port = e.Port, TargetPort = e.Name, Protocol = "TCP" })],
        },
    };

    public static V1Container Container(string name, string image, IEnumerable<V1EnvVar> env, V1ResourceRequirements resources) => new()
    {
        Name = name,
        Image = image,
        // Tags are releases, never moved: a node keeps the image it has.
        ImagePullPolicy = "IfNotPresent",
        Env = [.. env],
        Resources = resources,
        SecurityContext = ContainerSecurity(),
    };

    public static IList<V1ContainerPort> Ports(IEnumerable<PublishedEndpoint> endpoints) =>
        [.. endpoints.Select(e => new V1ContainerPort { Name = e.Name, ContainerPort = e.Port, Protocol = "TCP" })];

    public static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    public static V1EnvVar Env(string name, EnvValue value) => value.SecretKey is { } key ? ClusterSecret.Env(name, key) : Env(name, value.Literal!);

    public static V1ResourceRequirements Resources(string cpuRequest, string memoryRequest, string memoryLimit, string? ephemeralStorage = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) };
        if (ephemeralStorage is not null)
        {
            requests["ephemeral-storage"] = new(ephemeralStorage);
        }
        return new V1ResourceRequirements
        {
            Requests = requests,
            Limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["memory"] = new(memoryLimit) },
        };
    }

    public static V1Probe HttpProbe(string path, string port, int initialDelaySeconds, int periodSeconds, int failureThreshold, int timeoutSeconds = 1) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        InitialDelaySeconds = initialDelaySeconds,
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = timeoutSeconds,
        FailureThreshold = failureThreshold,
    };

    public static V1VolumeMount Mount(string volume, string path) => new() { Name = volume, MountPath = path };

    public static V1PersistentVolumeClaim Claim(string name, string component, string size, string? storageClass) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = Metadata(name, component),
        Spec = new V1PersistentVolumeClaimSpec
        {
            // K3s' default class (local-path) is ReadWriteOnce: one node, so its pods are never two at once.
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new(size) } },
        },
    };

    /// <summary>ServiceDefaults reads these into the <c>k8s.*</c> resource attributes of every span and metric.</summary>
    public static IEnumerable<V1EnvVar> DownwardApiEnv() =>
    [
        FieldRef("K8S_POD_NAME", "metadata.name"),
        FieldRef("K8S_NODE_NAME", "spec.nodeName"),
        FieldRef("K8S_NAMESPACE", "metadata.namespace"),
    ];

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static V1EnvVar FieldRef(string name, string path) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } },
    };
}
