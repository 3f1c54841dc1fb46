using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting;

/// <summary>Collects the resources of a composition (Aspire's <c>IDistributedApplicationBuilder</c>).</summary>
public sealed class EdgeApplicationBuilder
{
    private readonly List<ProjectResource> _resources = [];

    internal EdgeApplicationBuilder(AppHostArguments arguments, EdgeApplicationOptions options, string? argumentError)
    {
        Arguments = arguments;
        Options = options;
        ArgumentError = argumentError;
    }

    public AppHostArguments Arguments { get; }

    public EdgeApplicationOptions Options { get; }

    /// <summary>Why the command line was refused, or null.</summary>
    public string? ArgumentError { get; }

    public IReadOnlyList<ProjectResource> Resources => _resources;

    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name)
        where TProject : IProjectMetadata, new() => AddProject(name, new TProject(), ResourceRole.Service);

    /// <summary>A project by the path of its .csproj (relative to the solution folder) and its assembly name.</summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath, string? assemblyName = null) =>
        AddProject(name, new Projects.EdgeProject(projectPath, assemblyName ?? Path.GetFileNameWithoutExtension(projectPath)), ResourceRole.Service);

    public IResourceBuilder<ProjectResource> AddProject(string name, IProjectMetadata project, ResourceRole role)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (_resources.Any(r => r.Name == name))
        {
            throw new InvalidOperationException($"a resource named '{name}' already exists");
        }
        var resource = new ProjectResource(name, project, role);
        _resources.Add(resource);
        return new ResourceBuilder<ProjectResource>(resource, this);
    }

    public EdgeApplication Build() => new(this);
}
