namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>A fake Hub serving <see cref="TestModels.Small"/> and an empty cache folder, for tests without a web host.</summary>
internal sealed class HubAndCache : IAsyncDisposable
{
    private HubAndCache(FakeHub hub) => Hub = hub;

    public FakeHub Hub { get; }
    public TempFolder Cache { get; } = new();

    public static async Task<HubAndCache> StartAsync()
    {
        var hub = await FakeHub.StartAsync();
        hub.Add(TestModels.File, TestModels.Small);
        return new HubAndCache(hub);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Cache.Dispose();
    }
}
