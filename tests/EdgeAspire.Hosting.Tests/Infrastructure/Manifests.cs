using k8s;
using k8s.Models;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The Kubernetes objects of a publish output, read back as <c>k8s.Models</c> types (kustomize's own file
/// is not one, so it is read as its list of resources).</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<object> objects, IReadOnlyList<string> kustomized)
    {
        Objects = objects;
        KustomizedFiles = kustomized;
    }

    public IReadOnlyList<object> Objects { get; }

    public IReadOnlyList<string> KustomizedFiles { get; }

    public IEnumerable<T> Of<T>() => Objects.OfType<T>();

    public IEnumerable<V1Deployment> Deployments => Of<V1Deployment>();

    public V1Deployment Deployment(string name) => Assert.Single(Deployments, d => d.Metadata.Name == name);

    public IEnumerable<V1Deployment> Workers => Deployments.Where(d => d.Metadata.Labels["app.kubernetes.io/component"] == "worker");

    /// <summary>Every pod template: Deployments' and Jobs'.</summary>
    public IEnumerable<V1PodSpec> Pods => Deployments.Select(d => d.Spec.Template.Spec).Concat(Of<V1Job>().Select(j => j.Spec.Template.Spec));

    public IEnumerable<V1Container> Containers => Pods.SelectMany(p => (p.InitContainers ?? []).Concat(p.Containers));

    public static Manifests Load(string directory)
    {
        var objects = new List<object>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal))
        {
            objects.AddRange(KubernetesYaml.LoadAllFromString(File.ReadAllText(file)));
        }
        var kustomization = File.ReadAllLines(Path.Combine(directory, "kustomization.yaml"));
        var resources = kustomization.SkipWhile(l => l != "resources:").Skip(1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
        return new Manifests(objects, resources);
    }

    public static Dictionary<string, V1EnvVar> Env(V1Container container) => (container.Env ?? []).ToDictionary(e => e.Name);
}
