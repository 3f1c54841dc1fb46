using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Downloads;

namespace EdgeAspire.ModelStore.Tests;

/// <summary>The download path itself (resume, verify, retry, timeouts) against the fake Hub, without a web host.</summary>
public sealed class DownloadTests : IAsyncLifetime
{
    private HubAndCache _env = null!;

    private FakeHub Hub => _env.Hub;
    private TempFolder Cache => _env.Cache;

    public async ValueTask InitializeAsync() => _env = await HubAndCache.StartAsync();

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task Resumes_after_connection_drops_at_random_offsets_in_100_seeded_trials()
    {
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));
        var (downloads, cache) = (services.GetRequiredService<DownloadCoordinator>(), services.GetRequiredService<ModelCache>());
        var random = new Random(20241122);
        var size = TestModels.Small.Length;
        for (var trial = 0; trial < 100; trial++)
        {
            var drops = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next(1, size)).Order().ToArray();
            foreach (var drop in drops)
            {
                Hub.DropAtOffsets.Enqueue(drop);
            }
            var requestsBefore = Hub.ResolveRequests;

            var state = await downloads.StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

            Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
            Assert.Equal(Hub.Sha256Of(TestModels.File), await Sha256Hex.OfFileAsync(cache.Folder.ModelPath(StoreSettings.ModelId), TestContext.Current.CancellationToken));
            Assert.Empty(Hub.DropAtOffsets);
            Assert.Equal(drops.Length + 1, Hub.ResolveRequests - requestsBefore);
            cache.Delete(StoreSettings.ModelId);
        }
        Assert.Contains(Hub.RangeStarts, start => start > 0);
    }

    [Fact]
    public async Task Retries_5xx_with_backoff_and_succeeds_on_the_third_attempt()
    {
        Hub.FailuresLeft = 2;
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var state = await services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
        Assert.Equal(3, Hub.ResolveRequests);
    }

    [Fact]
    public async Task Gives_up_after_bounded_retries_naming_the_upstream_status()
    {
        Hub.FailuresLeft = 1000;
        Hub.FailureStatus = 503;
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout());

        Assert.Equal(502, error.Status);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, Hub.ResolveRequests); // the first attempt and MaxRetries = 4 more
    }

    [Fact]
    public async Task Stalled_server_trips_the_read_timeout_and_the_download_resumes()
    {
        Hub.StallsLeft = 1;
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var state = await services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
        Assert.Equal(2, Hub.ResolveRequests);
        Assert.Contains(Hub.RangeStarts, start => start > 0);
    }

    [Fact]
    public async Task File_list_that_never_answers_trips_the_read_timeout_and_is_asked_again()
    {
        Hub.TreeStallsLeft = 1;
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var state = await services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
        Assert.Equal(2, Hub.TreeRequests);
    }

    [Fact]
    public async Task Server_that_ignores_range_restarts_the_file_from_zero()
    {
        var half = TestModels.Small.Length / 2;
        await File.WriteAllBytesAsync(Path.Combine(Cache.Path, StoreSettings.ModelId + CacheFolder.PartialSuffix), TestModels.Small[..half], TestContext.Current.CancellationToken);
        Hub.IgnoreRange = true;
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var state = await services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
        Assert.Equal(TestModels.Small.Length, state.Size);
    }

    [Fact]
    public async Task Resumes_a_partial_file_left_by_an_earlier_run_with_a_range_request()
    {
        var third = TestModels.Small.Length / 3;
        await File.WriteAllBytesAsync(Path.Combine(Cache.Path, StoreSettings.ModelId + CacheFolder.PartialSuffix), TestModels.Small[..third], TestContext.Current.CancellationToken);
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var state = await services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout();

        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
        Assert.Equal([(long)third], Hub.RangeStarts);
    }

    [Fact]
    public async Task Wrong_sha256_is_rejected_and_nothing_is_left_behind()
    {
        Hub.Sha256Override = new string('a', 64);
        await using var services = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => services.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion.WithTimeout());

        Assert.Equal("checksum_mismatch", error.Code);
        Assert.Empty(Cache.Files());
    }
}
