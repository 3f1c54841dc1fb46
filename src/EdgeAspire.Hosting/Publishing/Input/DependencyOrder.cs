namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>Resources ordered so that each comes after what it references or waits for; a cycle is refused.</summary>
internal static class DependencyOrder
{
    public static IReadOnlyList<PublishedProject> Sort(IReadOnlyList<PublishedProject> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var ordered = new List<PublishedProject>();
        var visiting = new HashSet<PublishedProject>();
        foreach (var resource in resources)
        {
            Visit(resource, resources, ordered, visiting);
        }
        return ordered;
    }

    private static void Visit(PublishedProject resource, IReadOnlyList<PublishedProject> all, List<PublishedProject> ordered, HashSet<PublishedProject> visiting)
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
