using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.ModelStore.Tests.Infrastructure;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The main command's path with no <c>--model-file</c>: the catalog's default model, fetched from the Hub
/// through the ModelStore before the worker counts as healthy, then served behind the gateway.</summary>
public sealed class CatalogModelTests
{
    [Fact]
    public async Task The_default_catalog_model_is_fetched_through_the_store_and_served_through_the_gateway()
    {
        await using var hub = await FakeHub.StartAsync();
        var model = await File.ReadAllBytesAsync(Fixtures.SyntheticModel(GgmlType.F32), TestContext.Current.CancellationToken);
        hub.Add("tiny.gguf", model);
        const string id = PromptApiBuilderExtensions.DefaultModelId;
        var worker = ResourceNames.FromModelId("worker", id);
        string? workerCache = null;

        await using var stack = await AspireStack.StartAsync([], arguments: [$"--HF_ENDPOINT={hub.Endpoint}"], configure: (builder, root) =>
        {
            // The built-in entry points at the real Hub's file: the same id now names the fake Hub's small model.
            builder.CreateResourceBuilder<ProjectResource>("modelstore")
                .WithEnvironment($"ModelStore__Catalog__{id}__Repo", FakeHub.Repo)
                .WithEnvironment($"ModelStore__Catalog__{id}__File", "tiny.gguf")
                .WithEnvironment($"ModelStore__Catalog__{id}__Sha256", Convert.ToHexStringLower(SHA256.HashData(model)))
                .WithEnvironment($"ModelStore__Catalog__{id}__Size", model.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            workerCache = Path.Combine(root, "worker-cache");
            builder.CreateResourceBuilder<ProjectResource>(worker).WithEnvironment("PromptApi__CachePath", workerCache);
        });

        Assert.True(File.Exists(Path.Combine(workerCache!, id + ".gguf")), "the worker's health check fetched the model before the gateway started");
        Assert.Equal(1, hub.ResolveRequests);
        var (status, body) = await Chat.SendAsync(stack.Gateway, id);
        Assert.Equal(200, status);
        Assert.Equal(id, body.GetProperty("model").GetString());
    }
}
