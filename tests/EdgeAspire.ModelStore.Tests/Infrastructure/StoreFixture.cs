using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>A fake Hub serving <see cref="TestModels.Small"/>, a cache folder and a store over both, per test.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private StoreFixture(FakeHub hub, TempFolder cache) => (Hub, Cache) = (hub, cache);

    public FakeHub Hub { get; }
    public TempFolder Cache { get; }
    public StoreHost Store { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public static async Task<StoreFixture> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var fixture = new StoreFixture(await FakeHub.StartAsync(), new TempFolder());
        fixture.Hub.Add(TestModels.File, TestModels.Small);
        var settings = StoreSettings.For(fixture.Cache.Path, fixture.Hub.Endpoint);
        configure?.Invoke(settings);
        fixture.Store = new StoreHost(settings);
        fixture.Client = fixture.Store.CreateClient();
        return fixture;
    }

    public async Task<HttpResponseMessage> PullAsync(string id = StoreSettings.ModelId, bool wait = true) =>
        await Client.PostAsync($"/models/{id}/pull{(wait ? "?wait=true" : "")}", null, TestContext.Current.CancellationToken).WithTimeout();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken).WithTimeout();

    /// <summary>The error object of an OpenAI-style error response: <c>{"error":{…}}</c>.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("error");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Store.DisposeAsync();
        await Hub.DisposeAsync();
        Cache.Dispose();
    }
}
