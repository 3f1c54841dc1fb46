using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Tests;

/// <summary>With <c>ModelStore:ApiKeys</c> set, the store's API needs a bearer key, as the PromptApi's does; reads
/// may be left open for a store only a cluster reaches; the probes never need one.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "store-secret";

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/models/tiny/pull" },
        { "POST", "/models/import?id=x" },
        { "POST", "/models/tiny/pin" },
        { "DELETE", "/models/tiny/pin" },
        { "DELETE", "/models/tiny" },
    };

    public static TheoryData<string, string> Reads => new()
    {
        { "GET", "/models" },
        { "GET", "/models/tiny" },
        { "GET", "/files/tiny" },
        { "HEAD", "/files/tiny" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    [MemberData(nameof(Reads))]
    public async Task Without_a_valid_key_every_model_and_file_request_is_401_with_an_openai_error(string method, string path)
    {
        await using var store = await StartAsync(anonymousReads: false);

        using var none = await SendAsync(store, method, path, key: null);
        using var wrong = await SendAsync(store, method, path, key: "wrong");

        foreach (var response in new[] { none, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            if (method != "HEAD")
            {
                var error = await StoreFixture.ErrorAsync(response);
                Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
                Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            }
        }
        Assert.Equal(0, store.Hub.ResolveRequests);
        Assert.Empty(store.Cache.Files());
    }

    [Fact]
    public async Task The_right_key_pulls_and_serves_and_the_probes_need_none()
    {
        await using var store = await StartAsync(anonymousReads: false);

        using var pull = await SendAsync(store, "POST", "/models/tiny/pull?wait=true", Key);
        using var file = await SendAsync(store, "GET", "/files/tiny", Key);
        using var health = await SendAsync(store, "GET", "/health", key: null);
        using var alive = await SendAsync(store, "GET", "/alive", key: null);

        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        Assert.Equal(TestModels.Small, await file.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Anonymous_reads_leave_reads_open_and_writes_closed(string method, string path)
    {
        await using var store = await StartAsync(anonymousReads: true);
        using (var pull = await SendAsync(store, "POST", "/models/tiny/pull?wait=true", Key))
        {
            Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        }

        using var read = await SendAsync(store, method, path, key: null);
        using var delete = await SendAsync(store, "DELETE", "/models/tiny", key: null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" padded ")]
    public async Task A_blank_key_refuses_to_start(string key)
    {
        using var cache = new TempFolder();
        var settings = StoreSettings.For(cache.Path, new Uri("http://127.0.0.1:9"));
        settings["ModelStore:ApiKeys:0"] = key;
        await using var host = new StoreHost(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("ModelStore:ApiKeys", error.Message, StringComparison.Ordinal);
    }

    private static Task<StoreFixture> StartAsync(bool anonymousReads) => StoreFixture.StartAsync(settings =>
    {
        settings["ModelStore:ApiKeys:0"] = "other-secret";
        settings["ModelStore:ApiKeys:1"] = Key;
        settings["ModelStore:AnonymousReads"] = anonymousReads ? "true" : "false";
    });

    private static async Task<HttpResponseMessage> SendAsync(StoreFixture store, string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await store.Client.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();
    }
}
