using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;

namespace EdgeAspire.Hosting.Publishing;

/// <summary><c>builder.AddK3sEnvironment("k3s").WithNodeMemory("8GiB")…</c>: where and how the composition is
/// published. Publishing needs no Docker: images are built by <c>deploy/docker</c>, not by the pipeline.</summary>
public static class K3sEnvironmentExtensions
{
    public static IResourceBuilder<K3sEnvironmentResource> AddK3sEnvironment(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var environment = new K3sEnvironmentResource(ResourceNames.Validate(name));
        var resource = builder.ExecutionContext.IsRunMode ? builder.CreateResourceBuilder(environment) : builder.AddResource(environment);
        return resource.WithPipelineStepFactory(environment.PublishStepName,
            context => K3sPublishStep.RunAsync(environment, context),
            dependsOn: [WellKnownPipelineSteps.PublishPrereq], requiredBy: [WellKnownPipelineSteps.Publish]);
    }

    public static IResourceBuilder<K3sEnvironmentResource> WithNamespace(this IResourceBuilder<K3sEnvironmentResource> environment, string ns) =>
        environment.Update(s => s with { Namespace = K3sSettings.ValidNamespace(ns) });

    /// <summary>The memory of the smallest node a worker may land on (<c>8GiB</c>, <c>16Gi</c>): workers are sized
    /// to fit it, and a model that cannot is refused at publish time.</summary>
    public static IResourceBuilder<K3sEnvironmentResource> WithNodeMemory(this IResourceBuilder<K3sEnvironmentResource> environment, string size) =>
        environment.Update(s => s with { NodeMemoryBytes = K3sSettings.ParseNodeMemory(size) });

    public static IResourceBuilder<K3sEnvironmentResource> WithRegistry(this IResourceBuilder<K3sEnvironmentResource> environment, string registry) =>
        environment.Update(s => s with { Registry = registry.TrimEnd('/') });

    public static IResourceBuilder<K3sEnvironmentResource> WithImageTag(this IResourceBuilder<K3sEnvironmentResource> environment, string tag) =>
        environment.Update(s => s with { ImageTag = K3sSettings.ValidTag(tag) });

    public static IResourceBuilder<K3sEnvironmentResource> WithStorageClass(this IResourceBuilder<K3sEnvironmentResource> environment, string storageClass) =>
        environment.Update(s => s with { StorageClass = storageClass });

    public static IResourceBuilder<K3sEnvironmentResource> WithIngressClass(this IResourceBuilder<K3sEnvironmentResource> environment, string ingressClass) =>
        environment.Update(s => s with { IngressClass = ingressClass });

    private static IResourceBuilder<K3sEnvironmentResource> Update(this IResourceBuilder<K3sEnvironmentResource> environment, Func<K3sSettings, K3sSettings> change)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.Resource.Settings = change(environment.Resource.Settings);
        return environment;
    }
}
