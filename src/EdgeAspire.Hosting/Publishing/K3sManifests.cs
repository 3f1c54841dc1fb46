using EdgeAspire.Hosting.Publishing.Input;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The composition as K3s manifests (<c>kubectl apply -k</c>): a namespace, one file per resource in
/// dependency order, the trace viewer, the kustomization, and a README.md of the steps a user takes.</summary>
internal static class K3sManifests
{
    public static IReadOnlyList<ManifestFile> Create(IReadOnlyList<PublishedProject> resources, K3sSettings settings, TextWriter report)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(settings);
        var context = new K3sContext(resources, settings, report);
        var files = new List<ManifestFile> { new("namespace.yaml", [Kube.Namespace(settings.Namespace)]) };
        foreach (var resource in DependencyOrder.Sort(resources))
        {
            files.Add(resource.Role switch
            {
                ResourceRole.ModelStore => ServiceManifests.ModelStore(resource, context),
                ResourceRole.Worker => WorkerManifests.Create(resource, context),
                ResourceRole.Gateway => ServiceManifests.Gateway(resource, context),
                ResourceRole.Evaluator => EvaluatorManifests.Create(resource, context),
                _ => ProjectManifests.Create(resource, context),
            });
        }
        files.Add(DashboardManifests.Create());
        files.Add(new ManifestFile("kustomization.yaml", [new Kustomization(settings.Namespace, [.. files.Select(f => f.FileName)])]));
        files.Add(new ManifestFile("README.md", [DeployReadme.Write(files, resources, settings)]));
        return files;
    }
}

/// <summary>Kustomize's own file (not a Kubernetes object, so not in <c>k8s.Models</c>).</summary>
internal sealed class Kustomization(string @namespace, IReadOnlyList<string> resources)
{
    public string ApiVersion { get; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; } = "Kustomization";

    public string Namespace { get; } = @namespace;

    public IReadOnlyList<string> Resources { get; } = resources;
}
