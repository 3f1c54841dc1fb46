using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace EdgeAspire.ModelStore.Tests;

/// <summary>Imports by path and by upload; import by path reads only regular files inside <c>ModelStore:ImportFolders</c>,
/// and no import can tell which files exist or show what a file holds.</summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    private StoreFixture _store = null!;
    private readonly TempFolder _source = new();

    public async ValueTask InitializeAsync() => _store = await StoreFixture.StartAsync(settings => settings["ModelStore:ImportFolders:0"] = _source.Path);

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

    [Fact]
    public async Task Import_by_path_is_off_unless_import_folders_are_configured()
    {
        await using var store = await StoreFixture.StartAsync();

        var error = await ImportErrorAsync(store, "/etc/passwd", HttpStatusCode.Forbidden);

        Assert.Equal("import_by_path_disabled", error.Code);
        Assert.Empty(store.Cache.Files());
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/no-such-file")]
    [InlineData("/dev/zero")]
    public async Task Paths_outside_the_import_folders_get_one_answer_whether_they_exist_or_not(string path)
    {
        var error = await ImportErrorAsync(_store, path, HttpStatusCode.Forbidden);

        Assert.Equal("path_not_allowed", error.Code);
        Assert.Equal($"'{path}' is not inside an import folder (ModelStore:ImportFolders).", error.Message);
    }

    [Fact]
    public async Task Traversal_out_of_an_import_folder_is_refused()
    {
        var error = await ImportErrorAsync(_store, Path.Combine(_source.Path, "..", "..", "etc", "passwd"), HttpStatusCode.Forbidden);

        Assert.Equal("path_not_allowed", error.Code);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/etc/passwd")]
    public async Task A_symbolic_link_leading_out_of_an_import_folder_is_refused(string target)
    {
        var link = Path.Combine(_source.Path, "model.gguf");
        File.CreateSymbolicLink(link, target);

        var error = await ImportErrorAsync(_store, link, HttpStatusCode.Forbidden);

        Assert.Equal("path_not_allowed", error.Code);
        Assert.Empty(_store.Cache.Files());
    }

    [Fact]
    public async Task A_symbolic_link_inside_an_import_folder_is_followed()
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_source.Path, "real")).FullName, "model.gguf");
        await File.WriteAllBytesAsync(file, TestModels.Small, TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(_source.Path, "alias.gguf"), file);

        using var response = await _store.Client.PostAsJsonAsync("/models/import", new { path = Path.Combine(_source.Path, "alias.gguf") },
            TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("alias", (await StoreFixture.JsonAsync(response)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_fifo_is_refused_without_being_opened()
    {
        var fifo = Path.Combine(_source.Path, "pipe.gguf");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken).WithTimeout();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer comes: the timeout would fail this test.
        var error = await ImportErrorAsync(_store, fifo, HttpStatusCode.BadRequest);

        Assert.Equal("not_a_regular_file", error.Code);
    }

    [Fact]
    public async Task A_file_that_is_not_gguf_is_refused_without_quoting_it()
    {
        var path = Path.Combine(_source.Path, "secret.gguf");
        await File.WriteAllTextAsync(path, "root:x:0:0:root:/root:/bin/bash\n", TestContext.Current.CancellationToken);

        var error = await ImportErrorAsync(_store, path, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_gguf", error.Code);
        Assert.DoesNotContain("root", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString("root"u8), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gguf_that_would_abort_llama_cpp_is_refused_and_nothing_is_left_behind()
    {
        var path = Path.Combine(_source.Path, "nan.gguf");
        await File.WriteAllBytesAsync(path, TestModels.NanEpsilon(), TestContext.Current.CancellationToken);

        var error = await ImportErrorAsync(_store, path, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_model_file", error.Code);
        Assert.Contains("layer_norm_rms_epsilon' is NaN", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Cache.Files());
    }

    private static async Task<(string Code, string Message)> ImportErrorAsync(StoreFixture store, string path, HttpStatusCode status)
    {
        using var response = await store.Client.PostAsJsonAsync("/models/import", new { path, id = "imported" }, TestContext.Current.CancellationToken).WithTimeout();
        Assert.Equal(status, response.StatusCode);
        var error = await StoreFixture.ErrorAsync(response);
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private async Task<string> WriteSourceAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_source.Path, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }
}
