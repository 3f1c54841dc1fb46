using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.ModelStore.Tests.Infrastructure;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The default composition's path: a worker given a catalog id (no file) fetches it through the ModelStore
/// before it counts as started, then serves it behind the gateway.</summary>
public sealed class CatalogModelTests
{
    [Fact]
    public async Task A_catalog_model_is_fetched_through_the_store_and_served_through_the_gateway()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Add("tiny.gguf", await File.ReadAllBytesAsync(Fixtures.SyntheticModel(GgmlType.F32), TestContext.Current.CancellationToken));
        await using var composition = new TestComposition();
        var workerCache = Directory.CreateTempSubdirectory("edgeaspire-worker-cache-").FullName;
        var store = composition.AddStore()
            .WithEnvironment("ModelStore__Endpoint", hub.Endpoint.ToString())
            .WithEnvironment("ModelStore__Catalog__tiny-chat__Repo", FakeHub.Repo)
            .WithEnvironment("ModelStore__Catalog__tiny-chat__File", "tiny.gguf");
        var worker = composition.Builder.AddPromptApi("worker").WithModel("tiny-chat").WithReference(store).WaitFor(store)
            .WithEnvironment("PromptApi__CachePath", workerCache);
        composition.AddGateway(worker);
        try
        {
            await composition.StartAsync();

            Assert.True(File.Exists(Path.Combine(workerCache, "tiny-chat.gguf")));
            var (status, body) = await Chat.SendAsync(composition.App.GetEndpoint("gateway"), "tiny-chat");
            Assert.Equal(200, status);
            Assert.Equal("tiny-chat", body.GetProperty("model").GetString());
            Assert.Contains("worker: fetching tiny-chat through the ModelStore", composition.Output, StringComparison.Ordinal);
        }
        finally
        {
            await composition.App.StopAsync();
            Directory.Delete(workerCache, recursive: true);
        }
    }
}
