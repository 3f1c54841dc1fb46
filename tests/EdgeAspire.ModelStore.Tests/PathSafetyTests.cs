using System.Net;
using System.Net.Http.Json;
using EdgeAspire.ModelStore.Cache;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Tests;

public sealed class PathSafetyTests : IAsyncLifetime
{
    private const string Secret = "SECRET-OUTSIDE-THE-CACHE";
    private StoreFixture _store = null!;
    private readonly TempFolder _outside = new();

    public async ValueTask InitializeAsync()
    {
        _store = await StoreFixture.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_outside.Path, "secret.gguf"), Secret, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _outside.Dispose();
    }

    [Theory]
    [InlineData("/files/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/files/%2e%2e%2fsecret")]
    [InlineData("/files/%2e%2e%2f%2e%2e%2fetc%2fhostname")]
    [InlineData("/files/%2Fetc%2Fpasswd")]
    [InlineData("/models/..%2F..%2Fetc")]
    [InlineData("/models/.hidden")]
    public async Task Traversal_ids_are_refused(string url)
    {
        using var response = await _store.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/files/..%2Fsecret")]
    [InlineData("/files/%2e%2e%2fsecret")]
    [InlineData("/files/..%5Csecret")]
    [InlineData("/models/..%2Fsecret")]
    [InlineData("/models/%2e%2e%2fsecret")]
    public async Task A_model_planted_beside_the_cache_is_out_of_reach(string url)
    {
        // secret.gguf and its state file sit in the cache's parent folder, so a traversal that got through would serve
        // or describe them instead of failing.
        var cachePath = Path.Combine(_outside.Path, "cache");
        await File.WriteAllTextAsync(Path.Combine(_outside.Path, "secret.json"),
            $$"""{"id":"secret","size":{{Secret.Length}},"sha256":"00","added":"2024-01-01T00:00:00Z","lastUsed":"2024-01-01T00:00:00Z","pinned":false,"source":"x"}""",
            TestContext.Current.CancellationToken);
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:CachePath"] = cachePath);

        using var response = await store.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_model_id", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.True(File.Exists(Path.Combine(_outside.Path, "secret.gguf")));
    }

    [Fact]
    public async Task Traversal_in_a_pull_or_import_id_is_a_400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pull = await _store.Client.PostAsync("/models/..%2F..%2Ftmp%2Fx/pull", null, ct);
        using var import = await _store.Client.PostAsJsonAsync("/models/import", new { path = Path.Combine(_outside.Path, "secret.gguf"), id = "../escape" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, pull.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Equal("invalid_model_id", (await StoreFixture.ErrorAsync(import)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Symlink_planted_in_the_cache_is_neither_served_nor_deleted_through()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Path.Combine(_outside.Path, "secret.gguf");
        File.CreateSymbolicLink(Path.Combine(_store.Cache.Path, "evil.gguf"), target);
        await File.WriteAllTextAsync(Path.Combine(_store.Cache.Path, "evil.json"),
            """{"id":"evil","size":24,"sha256":"00","added":"2024-01-01T00:00:00Z","lastUsed":"2024-01-01T00:00:00Z","pinned":false,"source":"x"}""", ct);

        using var served = await _store.Client.GetAsync("/files/evil", ct);
        using var deleted = await _store.Client.DeleteAsync("/models/evil", ct);
        using var list = await _store.Client.GetAsync("/models", ct);

        Assert.Equal(HttpStatusCode.BadRequest, served.StatusCode);
        Assert.Equal("unsafe_path", (await StoreFixture.ErrorAsync(served)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("evil", await list.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(Secret, await File.ReadAllTextAsync(target, ct));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("models/./x.gguf")]
    public void Catalog_entry_with_an_unsafe_file_fails_validation_at_start(string file)
    {
        var settings = StoreSettings.For(_outside.Path, new Uri("http://127.0.0.1:1"));
        settings[$"ModelStore:Catalog:{StoreSettings.ModelId}:File"] = file;
        using var services = CoreServices.Create(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelStoreOptions>>().Value);
    }

    [Theory]
    [InlineData("ok-id.v1_2", true)]
    [InlineData("a", true)]
    [InlineData("..", false)]
    [InlineData("a..b", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("/abs", false)]
    [InlineData("trailing\n", false)]
    [InlineData("", false)]
    public void Model_ids_are_a_closed_alphabet(string id, bool valid) => Assert.Equal(valid, ModelIds.IsValid(id));
}
