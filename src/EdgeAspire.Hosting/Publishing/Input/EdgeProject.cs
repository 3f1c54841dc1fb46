namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>The repository's own services, by path relative to the solution folder (what Aspire generates as
/// <c>Projects.*</c> from project references).</summary>
internal sealed class EdgeProject(string projectPath, string assemblyName) : IProjectMetadata
{
    public static EdgeProject PromptApi { get; } = new("src/EdgeAspire.PromptApi/EdgeAspire.PromptApi.csproj", "EdgeAspire.PromptApi");

    public static EdgeProject ModelStore { get; } = new("src/EdgeAspire.ModelStore/EdgeAspire.ModelStore.csproj", "EdgeAspire.ModelStore");

    public static EdgeProject Evaluator { get; } = new("src/EdgeAspire.Evaluator/EdgeAspire.Evaluator.csproj", "edgeaspire-eval");

    public static EdgeProject For(ResourceRole role) => role switch
    {
        ResourceRole.ModelStore => ModelStore,
        ResourceRole.Evaluator => Evaluator,
        _ => PromptApi,
    };

    public string ProjectPath { get; } = projectPath;

    public string AssemblyName { get; } = assemblyName;

    /// <summary>The image name the K3s manifests and Dockerfiles use for this project.</summary>
    public string ImageName => AssemblyName switch
    {
        "EdgeAspire.PromptApi" => "promptapi",
        "EdgeAspire.ModelStore" => "modelstore",
        "edgeaspire-eval" => "evaluator",
        var other => other.ToLowerInvariant().Replace('.', '-'),
    };
}
