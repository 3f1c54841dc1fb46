using System.Globalization;
using EdgeAspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting;

/// <summary>The generic Aspire-shaped verbs: references, start order, replicas, environment, endpoints.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Gives <paramref name="builder"/> the addresses of <paramref name="source"/> (service discovery) and
    /// starts it after <paramref name="source"/> is healthy, as Aspire's <c>WithReference</c> + <c>WaitFor</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        if (!builder.Resource.References.Contains(source.Resource))
        {
            builder.Resource.References.Add(source.Resource);
        }
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WaitFor(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> dependency)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Resource.Environment[name] = value;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, long value) =>
        builder.WithEnvironment(name, value.ToString(CultureInfo.InvariantCulture));

    public static IResourceBuilder<ProjectResource> WithArgs(this IResourceBuilder<ProjectResource> builder, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Arguments.AddRange(arguments);
        return builder;
    }

    /// <summary>Pins replica 0's local port (later replicas take free ports); without a port, a free one is chosen.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (port is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 65535);
        }
        builder.Resource.HasHttpEndpoint = true;
        builder.Resource.HttpPort = port;
        return builder;
    }
}
