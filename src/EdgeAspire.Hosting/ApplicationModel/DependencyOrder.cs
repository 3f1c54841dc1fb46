namespace EdgeAspire.Hosting.ApplicationModel;

/// <summary>Resources ordered so that each comes after what it references or waits for; a cycle is refused.</summary>
public static class DependencyOrder
{
    public static IReadOnlyList<ProjectResource> Sort(IReadOnlyList<ProjectResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var ordered = new List<ProjectResource>();
        var visiting = new HashSet<ProjectResource>();
        foreach (var resource in resources)
        {
            Visit(resource, resources, ordered, visiting);
        }
        return ordered;
    }

    private static void Visit(ProjectResource resource, IReadOnlyList<ProjectResource> all, List<ProjectResource> ordered, HashSet<ProjectResource> visiting)
    {
        if (ordered.Contains(resource) || !all.Contains(resource))
        {
            return;
        }
        if (!visiting.Add(resource))
        {
            throw new InvalidOperationException($"'{resource.Name}' depends on itself through its references or waits");
        }
        foreach (var dependency in resource.WaitsFor.Concat(resource.References))
        {
            Visit(dependency, all, ordered, visiting);
        }
        visiting.Remove(resource);
        ordered.Add(resource);
    }
}
