using System.Net;
using System.Net.Http.Json;

namespace EdgeAspire.ModelStore.Tests;

public sealed class PullApiTests
{
    private static readonly string s_sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestModels.Small));

    [Fact]
    public async Task Pull_downloads_the_model_and_lists_it_as_present_with_its_sha256()
    {
        await using var store = await StoreFixture.StartAsync();

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = await StoreFixture.JsonAsync(response);
        Assert.Equal("present", model.GetProperty("state").GetString());
        Assert.Equal(s_sha, model.GetProperty("sha256").GetString());
        Assert.Equal(TestModels.Small.Length, model.GetProperty("size").GetInt64());
        Assert.Equal([$"{StoreSettings.ModelId}.gguf", $"{StoreSettings.ModelId}.json"], store.Cache.Files());
    }

    [Fact]
    public async Task Models_lists_the_built_in_catalog_and_configured_entries_with_local_state()
    {
        await using var store = await StoreFixture.StartAsync();

        var list = await StoreFixture.JsonAsync(await store.Client.GetAsync("/models", TestContext.Current.CancellationToken));

        var models = list.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m);
        Assert.Equal("absent", models[StoreSettings.ModelId].GetProperty("state").GetString());
        Assert.Equal("Qwen/Qwen2.5-0.5B-Instruct-GGUF", models["qwen2.5-0.5b-instruct"].GetProperty("repo").GetString());
        Assert.Contains("mistral-7b-instruct-v0.2", models.Keys);
        Assert.Contains("internlm2.5-7b-chat", models.Keys);
    }

    [Fact]
    public async Task Concurrent_pulls_of_one_model_share_one_download()
    {
        await using var store = await StoreFixture.StartAsync();
        store.Hub.PauseAtOffset = 300_000;

        var first = store.PullAsync();
        await store.Hub.PauseReached.Task.WithTimeout();
        var second = store.PullAsync();
        var during = await StoreFixture.JsonAsync(await store.Client.GetAsync($"/models/{StoreSettings.ModelId}", TestContext.Current.CancellationToken));
        store.Hub.Resume.SetResult();
        using var a = await first;
        using var b = await second;

        Assert.Equal("downloading", during.GetProperty("state").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        Assert.Equal(s_sha, (await StoreFixture.JsonAsync(b)).GetProperty("sha256").GetString());
        Assert.Equal(1, store.Hub.ResolveRequests);
    }

    [Fact]
    public async Task Progress_events_arrive_and_end_with_a_done_event()
    {
        await using var store = await StoreFixture.StartAsync();
        store.Hub.PauseAtOffset = 200_000;

        using var accepted = await store.PullAsync(wait: false);
        await store.Hub.PauseReached.Task.WithTimeout();
        using var stream = await store.Client.GetStreamAsync($"/models/{StoreSettings.ModelId}/pull", TestContext.Current.CancellationToken).WithTimeout();
        var events = new List<SseEvent>();
        await foreach (var e in Sse.ReadAsync(stream, TestContext.Current.CancellationToken))
        {
            events.Add(e);
            store.Hub.Resume.TrySetResult();
        }

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("progress", events[0].Type);
        Assert.Equal("downloading", events[0].Data.GetProperty("state").GetString());
        Assert.Equal(TestModels.Small.Length, events[0].Data.GetProperty("total").GetInt64());
        Assert.Equal("done", events[^1].Type);
        Assert.Equal(s_sha, events[^1].Data.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Store_restarted_mid_download_resumes_from_the_partial_file_against_a_new_hub()
    {
        await using var store = await StoreFixture.StartAsync();
        store.Hub.PauseAtOffset = 500_000;
        using (await store.PullAsync(wait: false))
        {
        }
        using (var stream = await store.Client.GetStreamAsync($"/models/{StoreSettings.ModelId}/pull", TestContext.Current.CancellationToken).WithTimeout())
        {
            await foreach (var e in Sse.ReadAsync(stream, TestContext.Current.CancellationToken))
            {
                if (e.Data.GetProperty("bytes").GetInt64() == 500_000)
                {
                    break;
                }
            }
        }
        await store.Store.DisposeAsync(); // the store stops with the download half done
        await using var newHub = await FakeHub.StartAsync();
        newHub.Add(TestModels.File, TestModels.Small);
        await using var restarted = new StoreHost(StoreSettings.For(store.Cache.Path, newHub.Endpoint));

        using var response = await restarted.CreateClient().PostAsync($"/models/{StoreSettings.ModelId}/pull?wait=true", null, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_sha, (await StoreFixture.JsonAsync(response)).GetProperty("sha256").GetString());
        Assert.Equal([500_000L], newHub.RangeStarts);
    }

    /// <param name="factsInCatalog">The catalog gives size and sha256, so the store skips the file list and the
    /// refusal comes from the download itself.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upstream_404_fails_with_502_naming_the_status(bool factsInCatalog)
    {
        await using var store = await StartAsync(factsInCatalog);
        store.Hub.ForcedStatus = 404;

        using var response = await store.PullAsync(wait: false);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await StoreFixture.ErrorAsync(response);
        Assert.Equal("upstream_error", error.GetProperty("code").GetString());
        Assert.Contains("HTTP 404", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(factsInCatalog ? (0, 1) : (1, 0), (store.Hub.TreeRequests, store.Hub.ResolveRequests));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gated_repo_without_token_explains_hf_token(bool factsInCatalog)
    {
        await using var store = await StartAsync(factsInCatalog);
        store.Hub.RequiredToken = "hf_secret";

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await StoreFixture.ErrorAsync(response);
        Assert.Equal("upstream_unauthorized", error.GetProperty("code").GetString());
        Assert.Contains("gated or unauthorised: accept the licence on the Hub and set HF_TOKEN", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(factsInCatalog ? (0, 1) : (1, 0), (store.Hub.TreeRequests, store.Hub.ResolveRequests));
    }

    [Fact]
    public async Task Size_and_sha256_from_the_catalog_are_checked_without_asking_for_the_file_list()
    {
        await using var store = await StartAsync(factsInCatalog: true);

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(store.Hub.Sha256Of(TestModels.File), (await StoreFixture.JsonAsync(response)).GetProperty("sha256").GetString());
        Assert.Equal(0, store.Hub.TreeRequests);
    }

    [Fact]
    public async Task A_catalog_sha256_the_file_does_not_have_fails_the_pull_and_leaves_nothing()
    {
        await using var store = await StoreFixture.StartAsync(settings =>
        {
            settings[$"ModelStore:Catalog:{StoreSettings.ModelId}:Sha256"] = new string('0', 64);
            settings[$"ModelStore:Catalog:{StoreSettings.ModelId}:Size"] = $"{TestModels.Small.Length}";
        });

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("checksum_mismatch", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Empty(store.Cache.Files());
    }

    private static Task<StoreFixture> StartAsync(bool factsInCatalog) => StoreFixture.StartAsync(settings =>
    {
        if (factsInCatalog)
        {
            // The fixture's file is the one the fake Hub serves: its real size and hash.
            settings[$"ModelStore:Catalog:{StoreSettings.ModelId}:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestModels.Small));
            settings[$"ModelStore:Catalog:{StoreSettings.ModelId}:Size"] = $"{TestModels.Small.Length}";
        }
    });

    [Fact]
    public async Task Hf_token_is_sent_as_a_bearer_token()
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["HF_TOKEN"] = "hf_secret");
        store.Hub.RequiredToken = "hf_secret";

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer hf_secret"], store.Hub.AuthorizationHeaders);
    }

    [Fact]
    public async Task Unknown_and_invalid_ids_get_404_and_400_as_error_json()
    {
        await using var store = await StoreFixture.StartAsync();

        using var unknown = await store.PullAsync("no-such-model");
        using var invalid = await store.Client.GetAsync("/models/-bad", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("model_not_found", (await StoreFixture.ErrorAsync(unknown)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = await StoreFixture.ErrorAsync(invalid);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("id", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Pin_unpin_and_delete_change_the_cache()
    {
        await using var store = await StoreFixture.StartAsync();
        (await store.PullAsync()).Dispose();
        var ct = TestContext.Current.CancellationToken;

        var pinned = await StoreFixture.JsonAsync(await store.Client.PostAsync($"/models/{StoreSettings.ModelId}/pin", null, ct));
        var unpinned = await StoreFixture.JsonAsync(await store.Client.DeleteAsync($"/models/{StoreSettings.ModelId}/pin", ct));
        using var deleted = await store.Client.DeleteAsync($"/models/{StoreSettings.ModelId}", ct);
        using var again = await store.Client.DeleteAsync($"/models/{StoreSettings.ModelId}", ct);

        Assert.True(pinned.GetProperty("pinned").GetBoolean());
        Assert.False(unpinned.GetProperty("pinned").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(store.Cache.Files());
        Assert.Equal("absent", (await store.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/models/{StoreSettings.ModelId}", ct)).GetProperty("state").GetString());
    }
}
