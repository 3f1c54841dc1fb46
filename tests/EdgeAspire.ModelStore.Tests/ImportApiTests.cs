using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace EdgeAspire.ModelStore.Tests;

public sealed class ImportApiTests : IAsyncLifetime
{
    private StoreFixture _store = null!;
    private readonly TempFolder _source = new();

    public async ValueTask InitializeAsync() => _store = await StoreFixture.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _source.Dispose();
    }

    [Fact]
    public async Task Imports_a_file_on_the_store_machine_by_path()
    {
        var path = await WriteSourceAsync("local.gguf", TestModels.Small);

        using var response = await _store.Client.PostAsJsonAsync("/models/import", new { path }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var model = await StoreFixture.JsonAsync(response);
        Assert.Equal("local", model.GetProperty("id").GetString());
        Assert.Equal("present", model.GetProperty("state").GetString());
        Assert.Equal(["local.gguf", "local.json"], _store.Cache.Files());
    }

    [Fact]
    public async Task Imports_a_file_streamed_as_the_body()
    {
        using var content = new ByteArrayContent(TestModels.Small) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

        using var response = await _store.Client.PostAsync("/models/import?id=uploaded", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var served = await _store.Client.GetAsync("/files/uploaded", TestContext.Current.CancellationToken);
        Assert.Equal(TestModels.Small, await served.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task Corrupt_gguf_is_rejected_and_nothing_is_left_behind(string kind)
    {
        var bytes = kind == "garbage" ? "GGUF\u0003\0\0\0 not really a model"u8.ToArray() : TestModels.Small[..(TestModels.Small.Length / 2)];
        var path = await WriteSourceAsync("bad.gguf", bytes);

        using var response = await _store.Client.PostAsJsonAsync("/models/import", new { path, id = "bad" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_gguf", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Empty(_store.Cache.Files());
    }

    [Fact]
    public async Task Importing_over_a_present_model_is_a_409()
    {
        var path = await WriteSourceAsync("twice.gguf", TestModels.Small);
        (await _store.Client.PostAsJsonAsync("/models/import", new { path }, TestContext.Current.CancellationToken)).Dispose();

        using var response = await _store.Client.PostAsJsonAsync("/models/import", new { path }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Relative_or_missing_paths_are_a_400()
    {
        using var relative = await _store.Client.PostAsJsonAsync("/models/import", new { path = "model.gguf" }, TestContext.Current.CancellationToken);
        using var missing = await _store.Client.PostAsJsonAsync("/models/import", new { path = Path.Combine(_source.Path, "none.gguf") }, TestContext.Current.CancellationToken);

        Assert.Equal("invalid_path", (await StoreFixture.ErrorAsync(relative)).GetProperty("code").GetString());
        Assert.Equal("file_not_found", (await StoreFixture.ErrorAsync(missing)).GetProperty("code").GetString());
    }

    private async Task<string> WriteSourceAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_source.Path, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }
}
