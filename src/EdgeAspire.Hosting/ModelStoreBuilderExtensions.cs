using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting;

/// <summary>The ModelStore: the catalog, downloads and the model cache (a persistent folder: the store's default,
/// <c>~/.local/share/edgeaspire/models</c>, unless <c>ModelStore__CachePath</c> says otherwise).</summary>
public static class ModelStoreBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> AddModelStore(this IDistributedApplicationBuilder builder, string name = "modelstore")
    {
        var store = builder.AddEdgeProject<EdgeProjects.ModelStoreProject>(name, ResourceRole.ModelStore).AsHttpService();
        // The store's own setting for a Hub mirror; HF_ENDPOINT is what Hugging Face's tools read.
        if (builder.Configuration["HF_ENDPOINT"] is { Length: > 0 } hub)
        {
            store.WithEnvironment("ModelStore__Endpoint", hub);
        }
        return builder.ExecutionContext.IsRunMode ? store.WithVerifyCacheCommand(ProjectCommand.BuildConfiguration(builder)) : store;
    }

    /// <summary>"Verify cache": the store's own <c>verify</c> re-hashes every cached model against its sha256.</summary>
    private static IResourceBuilder<ProjectResource> WithVerifyCacheCommand(this IResourceBuilder<ProjectResource> store, string configuration) =>
        store.WithProcessCommand("verify-cache", "Verify cache",
            async context => await ProjectCommand.SpecAsync(store.Resource, configuration, ["verify"], context).ConfigureAwait(false),
            new ProcessCommandOptions
            {
                Description = "Re-hash every cached model and compare it with its recorded sha256",
                IconName = "ShieldCheckmark",
                MaxOutputLineCount = 50,
                UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                    ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            });
}
