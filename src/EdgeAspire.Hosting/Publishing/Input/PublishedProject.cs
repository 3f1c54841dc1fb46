using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>An environment variable's value in a manifest: a literal, or a key of the cluster's secret (a secret
/// parameter of the composition is never written out).</summary>
internal sealed record EnvValue(string? Literal, string? SecretKey)
{
    public static EnvValue Of(string literal) => new(literal, null);

    public static EnvValue FromSecret(string key) => new(null, key);
}

/// <summary>An HTTP endpoint of a project: its name and the port the container listens on (the Service's too).</summary>
internal sealed record PublishedEndpoint(string Name, int Port);

/// <summary>A probe declared with Aspire's <c>WithHttpProbe</c>.</summary>
internal sealed record PublishedProbe(ProbeType Type, string Path, string Endpoint, int InitialDelaySeconds, int PeriodSeconds, int TimeoutSeconds, int FailureThreshold);

/// <summary>A project resource of the composition as the publisher sees it, read from Aspire's application model.</summary>
internal sealed class PublishedProject(string name, ResourceRole? role)
{
    public string Name { get; } = ResourceNames.Validate(name);

    /// <summary>Ours (worker, gateway, ModelStore, Evaluator) or null for any other project.</summary>
    public ResourceRole? Role { get; } = role;

    /// <summary>Our images are named by role (deploy/docker has one Dockerfile each); other projects by resource.</summary>
    public string ImageName => Role switch
    {
        ResourceRole.Worker or ResourceRole.Gateway => "promptapi",
        ResourceRole.ModelStore => "modelstore",
        ResourceRole.Evaluator => "evaluator",
        _ => Name,
    };

    public int Replicas { get; set; } = 1;

    public List<PublishedEndpoint> Endpoints { get; } = [];

    /// <summary>The environment in the order the composition set it, with every reference resolved for the cluster.</summary>
    public List<KeyValuePair<string, EnvValue>> Environment { get; } = [];

    public List<string> Arguments { get; } = [];

    public List<PublishedProbe> Probes { get; } = [];

    /// <summary>Resources this one references (service discovery).</summary>
    public List<PublishedProject> References { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<PublishedProject> WaitsFor { get; } = [];

    public List<ModelSpec> Models { get; } = [];

    /// <summary>Requests a worker serves at once (continuous batching); null: as many as fit the node, at most
    /// <see cref="Publishing.ModelMemory.PodSequences"/>.</summary>
    public int? ParallelSequences { get; set; }

    public bool HasHttpEndpoint => Endpoints.Count > 0;

    public override string ToString() => Name;
}
