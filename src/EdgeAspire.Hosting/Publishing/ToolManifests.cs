using EdgeAspire.Hosting.Publishing.Input;
using static EdgeAspire.Hosting.Publishing.K8sObjects;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The Evaluator as a suspended Job (run on demand) and the OTLP trace viewer every service exports to.</summary>
internal static class ToolManifests
{
    public const string DashboardImage = "mcr.microsoft.com/dotnet/aspire-dashboard:9.5";

    public static ManifestFile Evaluator(PublishedProject evaluator, K3sContext context)
    {
        var target = evaluator.References.First(r => r.HasHttpEndpoint);
        var model = context.Resources.SelectMany(r => r.Models).First();
        var container = Container(K3sContext.ImageName(evaluator.Project), context.Image(evaluator.Project),
            K3sContext.CommonEnv(evaluator).Where(e => (string)e["name"]! != "ASPNETCORE_HTTP_PORTS"), Resources("500m", "256Mi", "1Gi"));
        container["args"] = new List<string>
        {
            "conversations", "--endpoint", $"{K3sContext.Address(target)}/v1", "--model", model.Id,
            "--conversations", "5", "--dataset", "hub", "--out", "/results",
        };
        container["volumeMounts"] = new List<Node> { new() { ["name"] = "results", ["mountPath"] = "/results" } };
        var job = new Node
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(evaluator.Name, "evaluator"),
            ["spec"] = new Node
            {
                // Created suspended so that `kubectl apply -k` does not start a benchmark; resume it to run one.
                ["suspend"] = true,
                ["backoffLimit"] = 0,
                ["template"] = new Node
                {
                    ["metadata"] = new Node { ["labels"] = Labels(evaluator.Name, "evaluator") },
                    ["spec"] = new Node
                    {
                        ["restartPolicy"] = "Never",
                        ["securityContext"] = PodSecurity(nonRootOnly: true),
                        ["containers"] = new List<Node> { container },
                        ["volumes"] = new List<Node> { new() { ["name"] = "results", ["emptyDir"] = new Node() } },
                    },
                },
            },
        };
        return new ManifestFile($"{evaluator.Name}-job.yaml", [job]);
    }

    public static ManifestFile Dashboard()
    {
        const string name = K3sContext.DashboardName;
        var env = new[]
        {
            // A trace viewer inside the cluster, reached with kubectl port-forward: no login page.
            Env("DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "true"),
            Env("ASPNETCORE_URLS", "http://0.0.0.0:18888"),
            Env("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", "http://0.0.0.0:18889"),
            Env("DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", $"http://0.0.0.0:{K3sContext.DashboardOtlpHttpPort}"),
        };
        var container = Container(name, DashboardImage, env, Resources("100m", "256Mi", "512Mi"));
        container["ports"] = ContainerPorts(("http", 18888), ("otlp-grpc", 18889), ("otlp-http", K3sContext.DashboardOtlpHttpPort));
        var deployment = Deployment(name, "dashboard", new Node { ["containers"] = new List<Node> { container } });
        var service = Service(name, "dashboard", ("http", 18888, "http"), ("otlp-grpc", 18889, "otlp-grpc"), ("otlp-http", K3sContext.DashboardOtlpHttpPort, "otlp-http"));
        return new ManifestFile($"{name}.yaml", [deployment, service]);
    }

    public static Node Kustomization(string @namespace, IEnumerable<string> files) => new()
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["namespace"] = @namespace,
        ["resources"] = files.ToList(),
    };
}
