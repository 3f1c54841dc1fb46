using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// A K3s cluster as an Aspire compute environment (shaped like Aspire's own Kubernetes environment, which is not
/// served here): the composition's projects are published to it as manifests by its pipeline step.
/// </summary>
public sealed class K3sEnvironmentResource(string name) : Resource(name), IComputeEnvironmentResource
{
    public K3sSettings Settings { get; internal set; } = new();

    /// <summary>The pipeline step that writes this environment's manifests (<c>--step publish-{name}</c>).</summary>
    public string PublishStepName => $"publish-{Name}";
}
