using System.Net;
using System.Net.Http.Headers;

namespace EdgeAspire.ModelStore.Tests;

public sealed class FilesApiTests : IAsyncLifetime
{
    private StoreFixture _store = null!;
    private string _etag = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await StoreFixture.StartAsync();
        (await _store.PullAsync()).Dispose();
        _etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestModels.Small))}\"";
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Serves_the_whole_file_with_the_sha256_as_etag()
    {
        using var response = await _store.Client.GetAsync($"/files/{StoreSettings.ModelId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_etag, response.Headers.ETag?.Tag);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(TestModels.Small, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Range_request_gets_206_with_content_range_and_the_slice()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/files/{StoreSettings.ModelId}") { Headers = { Range = new RangeHeaderValue(1000, 1999) } };

        using var response = await _store.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-1999/{TestModels.Small.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(TestModels.Small[1000..2000], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Range_past_the_end_gets_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/files/{StoreSettings.ModelId}") { Headers = { Range = new RangeHeaderValue(TestModels.Small.Length, null) } };

        using var response = await _store.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{TestModels.Small.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task If_none_match_with_the_sha256_gets_304()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/files/{StoreSettings.ModelId}") { Headers = { IfNoneMatch = { new EntityTagHeaderValue(_etag) } } };

        using var response = await _store.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task If_range_with_a_stale_etag_gets_the_whole_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/files/{StoreSettings.ModelId}")
        {
            Headers = { Range = new RangeHeaderValue(0, 9), IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\"")) },
        };

        using var response = await _store.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestModels.Small.Length, (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task Model_being_served_cannot_be_deleted_until_the_response_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        var open = await _store.Client.GetAsync($"/files/{StoreSettings.ModelId}", HttpCompletionOption.ResponseHeadersRead, ct);

        using var refused = await _store.Client.DeleteAsync($"/models/{StoreSettings.ModelId}", ct);
        await (await open.Content.ReadAsStreamAsync(ct)).CopyToAsync(Stream.Null, ct);
        open.Dispose();
        using var deleted = await _store.Client.DeleteAsync($"/models/{StoreSettings.ModelId}", ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("model_busy", (await StoreFixture.ErrorAsync(refused)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Absent_model_gets_404()
    {
        using var response = await _store.Client.GetAsync("/files/not-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_present", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
    }
}
