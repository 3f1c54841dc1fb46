namespace EdgeAspire.Hosting.Publishing;

/// <summary>The few Kubernetes object shapes the publisher writes, with the labels every object of the stack carries.</summary>
internal static class K8sObjects
{
    public const string PartOf = "edgeaspire";
    public const int HttpPort = 8080;

    public static Node Labels(string name, string component) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    /// <summary>Selectors use the two labels that never change, so a component rename does not orphan pods.</summary>
    public static Node Selector(string name) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static Node Metadata(string name, string component) => new()
    {
        ["name"] = name,
        ["labels"] = Labels(name, component),
    };

    public static Node Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new Node { ["name"] = name, ["labels"] = new Node { ["app.kubernetes.io/part-of"] = PartOf } },
    };

    /// <summary>The .NET images' non-root <c>app</c> user (<c>$APP_UID</c>), which our Dockerfiles switch to.</summary>
    public const long AppUid = 1654;

    /// <summary>A pod whose volumes our non-root user can write: mounted volumes get its group (<c>fsGroup</c>).
    /// <paramref name="nonRootOnly"/> also makes the kubelet refuse a container that would run as root; only for
    /// pods of our own images (curl's image names its user, which the kubelet cannot check).</summary>
    public static Node PodSecurity(bool nonRootOnly) => nonRootOnly
        ? new Node { ["runAsNonRoot"] = true, ["fsGroup"] = AppUid }
        : new Node { ["fsGroup"] = AppUid };

    public static Node Deployment(string name, string component, Node podSpec, string strategy = "RollingUpdate") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = Metadata(name, component),
        ["spec"] = new Node
        {
            ["replicas"] = 1,
            ["strategy"] = new Node { ["type"] = strategy },
            ["selector"] = new Node { ["matchLabels"] = Selector(name) },
            ["template"] = new Node
            {
                ["metadata"] = new Node { ["labels"] = Labels(name, component) },
                ["spec"] = podSpec,
            },
        },
    };

    public static Node Service(string name, string component, params (string Name, int Port, string TargetPort)[] ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(name, component),
        ["spec"] = new Node
        {
            ["selector"] = Selector(name),
            ["ports"] = ports.Select(p => new Node { ["name"] = p.Name, ["port"] = p.Port, ["targetPort"] = p.TargetPort, ["protocol"] = "TCP" }).ToList(),
        },
    };

    public static Node Container(string name, string image, IEnumerable<Node> env, Node resources) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["env"] = env.ToList(),
        ["resources"] = resources,
    };

    public static Node Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>ServiceDefaults reads these into the <c>k8s.*</c> resource attributes of every span and metric.</summary>
    public static IEnumerable<Node> DownwardApiEnv() =>
    [
        FieldRef("K8S_POD_NAME", "metadata.name"),
        FieldRef("K8S_NODE_NAME", "spec.nodeName"),
        FieldRef("K8S_NAMESPACE", "metadata.namespace"),
    ];

    public static Node Resources(string cpuRequest, string memoryRequest, string memoryLimit) => new()
    {
        ["requests"] = new Node { ["cpu"] = cpuRequest, ["memory"] = memoryRequest },
        ["limits"] = new Node { ["memory"] = memoryLimit },
    };

    public static Node HttpProbe(string path, int initialDelaySeconds, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new Node { ["path"] = path, ["port"] = "http" },
        ["initialDelaySeconds"] = initialDelaySeconds,
        ["periodSeconds"] = periodSeconds,
        ["failureThreshold"] = failureThreshold,
    };

    public static List<Node> ContainerPorts(params (string Name, int Port)[] ports) =>
        [.. ports.Select(p => new Node { ["name"] = p.Name, ["containerPort"] = p.Port, ["protocol"] = "TCP" })];

    private static Node FieldRef(string name, string path) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Node { ["fieldRef"] = new Node { ["fieldPath"] = path } },
    };
}
