using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The ModelStore (its cache on a PersistentVolumeClaim) and the gateway (behind K3s' Traefik).</summary>
internal static class ServiceManifests
{
    public const string StoreCapacity = "40Gi";

    public static ManifestFile ModelStore(PublishedProject store, K3sContext context)
    {
        var claim = $"{store.Name}-cache";
        var env = K3sContext.CommonEnv(store)
            .Set("ModelStore__CachePath", "/data")
            .SetSecret("ModelStore__ApiKeys__0", ClusterSecret.ModelStoreApiKey);
        var container = ProjectManifests.Container(store, context, env, Kube.Resources("250m", "256Mi", "512Mi"));
        container.VolumeMounts = [Kube.Mount("cache", "/data")];
        var pod = Kube.Pod(container);
        pod.Volumes = [new V1Volume { Name = "cache", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }];
        // One pod owns the ReadWriteOnce cache, so the old one goes before the new one starts.
        var deployment = Kube.Deployment(store.Name, "modelstore", 1, pod, new V1DeploymentStrategy { Type = "Recreate" });
        return new ManifestFile($"{store.Name}.yaml",
            [Kube.Claim(claim, "modelstore", StoreCapacity, context.Settings.StorageClass), deployment, Kube.Service(store.Name, "modelstore", store.Endpoints)]);
    }

    /// <summary>The gateway always asks for the API key from the secret: the Ingress puts it on the LAN.</summary>
    public static ManifestFile Gateway(PublishedProject gateway, K3sContext context)
    {
        var env = K3sContext.CommonEnv(gateway).RequireSecret("PromptApi__ApiKeys__0", ClusterSecret.ApiKey);
        var container = ProjectManifests.Container(gateway, context, env, Kube.Resources("250m", "192Mi", "384Mi"), name: "promptapi");
        var deployment = Kube.Deployment(gateway.Name, "gateway", gateway.Replicas, Kube.Pod(container));
        var ingress = new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = Kube.Metadata(gateway.Name, "gateway"),
            Spec = new V1IngressSpec
            {
                IngressClassName = context.Settings.IngressClass,
                Rules =
                [
                    new V1IngressRule
                    {
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/v1",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend { Name = gateway.Name, Port = new V1ServiceBackendPort { Name = gateway.Endpoints[0].Name } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
        return new ManifestFile($"{gateway.Name}.yaml", [deployment, Kube.Service(gateway.Name, "gateway", gateway.Endpoints), ingress]);
    }
}
