using System.Net;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Imports;

namespace EdgeAspire.ModelStore.Tests;

public sealed class QuotaTests : IDisposable
{
    private static readonly long s_size = TestModels.Small.Length;
    private readonly TempFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Evicts_least_recently_used_unpinned_models_and_keeps_pinned_and_in_use_ones()
    {
        await using var services = Services(quota: 4 * s_size + s_size / 2);
        var (cache, importer) = (services.GetRequiredService<ModelCache>(), services.GetRequiredService<ModelImporter>());
        foreach (var id in new[] { "pinned", "served", "old", "recent" })
        {
            await ImportAsync(importer, id);
        }
        cache.SetPinned("pinned", true);
        using var lease = cache.Lease("served");

        await ImportAsync(importer, "new-1"); // needs one model's room: "old" is the least recently used that may go
        cache.Touch("recent");
        await ImportAsync(importer, "new-2"); // now "new-1" was used longer ago than "recent"

        Assert.Equal(["new-2", "pinned", "recent", "served"], cache.List().Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_that_cannot_fit_even_after_eviction_fails_and_evicts_nothing()
    {
        await using var services = Services(quota: 2 * s_size + s_size / 2);
        var (cache, importer) = (services.GetRequiredService<ModelCache>(), services.GetRequiredService<ModelImporter>());
        await ImportAsync(importer, "pinned");
        await ImportAsync(importer, "served");
        cache.SetPinned("pinned", true);
        using var lease = cache.Lease("served");

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => ImportAsync(importer, "third"));

        Assert.Equal(507, error.Status);
        Assert.Equal(["pinned", "served"], cache.List().Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Download_under_way_keeps_its_claim_on_the_quota()
    {
        await using var services = Services(quota: s_size + s_size / 2);
        using var download = services.GetRequiredService<ModelCache>().Reserve("downloading", s_size);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => ImportAsync(services.GetRequiredService<ModelImporter>(), "another"));

        Assert.Equal(507, error.Status);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public async Task Pull_that_cannot_fit_fails_with_507_before_downloading()
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:QuotaBytes"] = (s_size / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await store.PullAsync();

        Assert.Equal((HttpStatusCode)507, response.StatusCode);
        Assert.Equal("quota_exceeded", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, store.Hub.ResolveRequests);
        Assert.Empty(store.Cache.Files());
    }

    private ServiceProvider Services(long quota) => CoreServices.Create(
        new Dictionary<string, string?> { ["ModelStore:CachePath"] = _cache.Path, ["ModelStore:QuotaBytes"] = quota.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new SteppingTime());

    private static async Task ImportAsync(ModelImporter importer, string id)
    {
        using var source = new MemoryStream(TestModels.Small);
        await importer.ImportAsync(source, source.Length, id, "test", TestContext.Current.CancellationToken).WithTimeout();
    }
}
