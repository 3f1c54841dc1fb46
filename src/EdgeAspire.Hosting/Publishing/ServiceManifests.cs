using EdgeAspire.Hosting.Publishing.Input;
using static EdgeAspire.Hosting.Publishing.K8sObjects;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The ModelStore (with its cache on a PersistentVolumeClaim) and the gateway (behind K3s' Traefik).</summary>
internal static class ServiceManifests
{
    public const string StoreCapacity = "40Gi";

    public static ManifestFile ModelStore(PublishedProject store, K3sContext context)
    {
        var claim = $"{store.Name}-cache";
        var env = K3sContext.CommonEnv(store).Append(Env("ModelStore__CachePath", "/data")).ToList();
        var container = HttpContainer(store, context, env, Resources("250m", "256Mi", "512Mi"));
        container["volumeMounts"] = new List<Node> { new() { ["name"] = "cache", ["mountPath"] = "/data" } };
        var pod = new Node
        {
            ["securityContext"] = PodSecurity(nonRootOnly: true),
            ["containers"] = new List<Node> { container },
            ["volumes"] = new List<Node> { new() { ["name"] = "cache", ["persistentVolumeClaim"] = new Node { ["claimName"] = claim } } },
        };
        var pvc = new Node
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = Metadata(claim, "modelstore"),
            // No storage class: K3s' default (local-path) is used, which is ReadWriteOnce, hence Recreate below.
            ["spec"] = new Node
            {
                ["accessModes"] = new List<string> { "ReadWriteOnce" },
                ["resources"] = new Node { ["requests"] = new Node { ["storage"] = StoreCapacity } },
            },
        };
        return new ManifestFile($"{store.Name}.yaml",
            [pvc, Deployment(store.Name, "modelstore", pod, strategy: "Recreate"), Service(store.Name, "modelstore", ("http", HttpPort, "http"))]);
    }

    public static ManifestFile Gateway(PublishedProject gateway, K3sContext context)
    {
        var container = HttpContainer(gateway, context, K3sContext.CommonEnv(gateway).ToList(), Resources("250m", "192Mi", "384Mi"));
        var deployment = Deployment(gateway.Name, "gateway", new Node { ["containers"] = new List<Node> { container } });
        ((Node)deployment["spec"]!)["replicas"] = gateway.Replicas;
        var ingress = new Node
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = Metadata(gateway.Name, "gateway"),
            ["spec"] = new Node
            {
                ["ingressClassName"] = "traefik",
                ["rules"] = new List<Node>
                {
                    new()
                    {
                        ["http"] = new Node
                        {
                            ["paths"] = new List<Node>
                            {
                                new()
                                {
                                    ["path"] = "/v1",
                                    ["pathType"] = "Prefix",
                                    ["backend"] = new Node { ["service"] = new Node { ["name"] = gateway.Name, ["port"] = new Node { ["name"] = "http" } } },
                                },
                            },
                        },
                    },
                },
            },
        };
        return new ManifestFile($"{gateway.Name}.yaml", [deployment, Service(gateway.Name, "gateway", ("http", HttpPort, "http")), ingress]);
    }

    private static Node HttpContainer(PublishedProject resource, K3sContext context, List<Node> env, Node resources)
    {
        var container = Container(K3sContext.ImageName(resource.Project), context.Image(resource.Project), env, resources);
        container["ports"] = ContainerPorts(("http", HttpPort));
        container["readinessProbe"] = HttpProbe("/health", 5, 10, 3);
        container["livenessProbe"] = HttpProbe("/alive", 10, 20, 3);
        return container;
    }
}
