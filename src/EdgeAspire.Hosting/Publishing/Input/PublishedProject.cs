namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>
/// A .NET project of the composition with everything both the local runner and the publisher need: its
/// environment, references (service discovery), start order, replicas and models. Mutated only by the builder.
/// </summary>
internal sealed class PublishedProject(string name, IProjectMetadata project, ResourceRole role)
{
    public string Name { get; } = ResourceNames.Validate(name);

    public IProjectMetadata Project { get; } = project;

    public ResourceRole Role { get; } = role;

    public int Replicas { get; set; } = 1;

    /// <summary>A fixed local port for replica 0; null = a free loopback port chosen at start.</summary>
    public int? HttpPort { get; internal set; }

    /// <summary>False for resources that do not serve HTTP (the Evaluator).</summary>
    public bool HasHttpEndpoint { get; set; } = true;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<string> Arguments { get; } = [];

    /// <summary>Resources whose addresses this one receives as <c>services__{name}__http__{i}</c>.</summary>
    public List<PublishedProject> References { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<PublishedProject> WaitsFor { get; } = [];

    public List<ModelSpec> Models { get; } = [];

    /// <summary>Requests a worker serves at once (continuous batching); null: the PromptApi's own default locally,
    /// and on K3s as many as fit the node, at most <see cref="Publishing.ModelMemory.PodSequences"/>.</summary>
    public int? ParallelSequences { get; set; }

    public override string ToString() => Name;
}
