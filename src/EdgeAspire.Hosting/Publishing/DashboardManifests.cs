using EdgeAspire.Hosting.Publishing.Input;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The standalone Aspire dashboard as the cluster's trace viewer: a ClusterIP Service only (reached with
/// <c>kubectl port-forward</c>), a login token and an OTLP key from the secret, so neither the UI nor the telemetry
/// intake is open to whoever reaches the pod network.
/// </summary>
internal static class DashboardManifests
{
    public const string Name = "dashboard";

    /// <summary>The dashboard of the Aspire release the AppHost is built on.</summary>
    public const string Image = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6";

    public const int UiPort = 18888;
    public const int OtlpGrpcPort = 18889;
    public const int OtlpHttpPort = 18890;

    public static string OtlpHttpAddress => $"http://{Name}:{Kube.Number(OtlpHttpPort)}";

    public static ManifestFile Create()
    {
        var env = new PodEnvironment()
            .Set("ASPNETCORE_URLS", $"http://0.0.0.0:{Kube.Number(UiPort)}")
            .Set("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", $"http://0.0.0.0:{Kube.Number(OtlpGrpcPort)}")
            .Set("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", $"http://0.0.0.0:{Kube.Number(OtlpHttpPort)}")
            .Set("Dashboard__Frontend__AuthMode", "BrowserToken")
            .SetSecret("Dashboard__Frontend__BrowserToken", ClusterSecret.DashboardToken)
            .Set("Dashboard__Otlp__AuthMode", "ApiKey")
            .SetSecret("Dashboard__Otlp__PrimaryApiKey", ClusterSecret.OtlpApiKey);
        PublishedEndpoint[] endpoints = [new("http", UiPort), new("otlp-grpc", OtlpGrpcPort), new("otlp-http", OtlpHttpPort)];
        var container = Kube.Container(Name, Image, env.Variables, Kube.Resources("100m", "256Mi", "512Mi"));
        container.Ports = Kube.Ports(endpoints);
        container.ReadinessProbe = Kube.HttpProbe("/", "http", 5, 10, 3);
        var deployment = Kube.Deployment(Name, "dashboard", 1, Kube.Pod(container));
        return new ManifestFile($"{Name}.yaml", [deployment, Kube.Service(Name, "dashboard", endpoints)]);
    }
}
