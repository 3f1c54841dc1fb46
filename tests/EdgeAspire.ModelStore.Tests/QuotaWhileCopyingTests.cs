using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Imports;

namespace EdgeAspire.ModelStore.Tests;

/// <summary>The quota holds while bytes arrive, not only once a copy ends; an upstream cannot send more than it
/// declared; and no model is evicted for a file that then fails verification.</summary>
public sealed class QuotaWhileCopyingTests
{
    private static readonly long s_size = TestModels.Small.Length;

    [Fact]
    public async Task Upload_declaring_more_than_the_quota_is_refused_before_copying()
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:QuotaBytes"] = Bytes(s_size / 2));

        using var response = await UploadAsync(store, "big", new ByteArrayContent(TestModels.Small));

        Assert.Equal((HttpStatusCode)507, response.StatusCode);
        Assert.Equal("quota_exceeded", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Empty(store.Cache.Files());
    }

    [Fact]
    public async Task Upload_without_a_length_over_the_quota_is_refused_and_leaves_nothing()
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:QuotaBytes"] = Bytes(s_size + s_size / 2));

        using var response = await UploadAsync(store, "endless", new StreamContent(new ZeroStream(4 * s_size)));

        Assert.Equal((HttpStatusCode)507, response.StatusCode);
        Assert.Equal("quota_exceeded", (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Empty(store.Cache.Files());
    }

    [Fact]
    public async Task An_endless_source_of_unknown_length_is_read_no_further_than_the_quota_allows()
    {
        using var cache = new TempFolder();
        await using var services = CoreServices.Create(new Dictionary<string, string?> { ["ModelStore:CachePath"] = cache.Path, ["ModelStore:QuotaBytes"] = Bytes(3 * s_size) });
        using var endless = new ZeroStream(long.MaxValue);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() =>
            services.GetRequiredService<ModelImporter>().ImportAsync(endless, null, "endless", "test", TestContext.Current.CancellationToken).WithTimeout());

        Assert.Equal("quota_exceeded", error.Code);
        Assert.InRange(endless.Position, 3 * s_size, 3 * s_size + (1 << 20) + 1);
        Assert.Empty(cache.Files());
    }

    [Fact]
    public async Task Upstream_sending_more_than_it_declared_is_cut_at_the_declared_size()
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:QuotaBytes"] = Bytes(2 * s_size));
        store.Hub.ExtraBytes = 20 * s_size;

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_size, new FileInfo(Path.Combine(store.Cache.Path, StoreSettings.ModelId + CacheFolder.ModelSuffix)).Length);
    }

    [Theory]
    [InlineData("checksum_mismatch")]
    [InlineData("invalid_gguf")]
    public async Task A_pull_that_fails_verification_evicts_nothing(string failure)
    {
        await using var store = await StoreFixture.StartAsync(settings => settings["ModelStore:QuotaBytes"] = Bytes(s_size + s_size / 2));
        using (var upload = await UploadAsync(store, "kept", new ByteArrayContent(TestModels.Small)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        if (failure == "checksum_mismatch")
        {
            store.Hub.Sha256Override = new string('a', 64);
        }
        else
        {
            store.Hub.Add(TestModels.File, new byte[s_size]); // the right size, but zeros: no GGUF magic
        }

        using var response = await store.PullAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(failure, (await StoreFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(["kept.gguf", "kept.json"], store.Cache.Files());
    }

    /// <summary>A streamed import; <see cref="StreamContent"/> over a stream of unknown length is sent chunked, without a Content-Length.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(StoreFixture store, string id, HttpContent content)
    {
        using (content)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return await store.Client.PostAsync($"/models/import?id={id}", content, TestContext.Current.CancellationToken).WithTimeout();
        }
    }

    private static string Bytes(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Zeros up to <c>length</c> bytes, of no declared length (like /dev/zero, or a chunked upload).</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
