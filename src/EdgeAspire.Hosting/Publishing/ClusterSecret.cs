using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The one Secret the manifests read keys from. It is never written by the publisher (a Secret in a manifest is a
/// literal in a file): the user creates it once with the command the output's README.md gives.
/// </summary>
internal static class ClusterSecret
{
    public const string Name = "edgeaspire-secrets";

    /// <summary>Clients' key for <c>/v1</c>: the gateway is on the LAN through the Ingress, so it always needs one.</summary>
    public const string ApiKey = "api-key";

    /// <summary>The ModelStore's key for pulls, imports and deletes; workers and their model fetch send it.</summary>
    public const string ModelStoreApiKey = "modelstore-api-key";

    /// <summary>The dashboard's login token (its browser-token mode).</summary>
    public const string DashboardToken = "dashboard-token";

    /// <summary>The key services send with their telemetry (the dashboard's OTLP api-key mode).</summary>
    public const string OtlpApiKey = "otlp-api-key";

    public static V1EnvVar Env(string name, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = Name, Key = key } },
    };
}
