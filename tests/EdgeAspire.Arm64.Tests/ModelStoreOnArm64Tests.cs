using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeAspire.Arm64.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;
using EdgeAspire.ModelStore.Tests.Infrastructure;

namespace EdgeAspire.Arm64.Tests;

/// <summary>The linux-arm64 ModelStore under emulation pulls from a loopback Hub: resumes after a dropped
/// connection and checks the sha256 (its own hashing code, run on arm64).</summary>
[Collection(EmulatedArm64.Name)]
public sealed class ModelStoreOnArm64Tests(Arm64Build build)
{
    private const string File = "tiny.gguf";

    [Fact]
    public async Task A_pull_resumes_after_a_drop_and_a_wrong_sha256_is_refused()
    {
        build.RequireAvailable();
        var content = await System.IO.File.ReadAllBytesAsync(Fixtures.SyntheticModel(), TestContext.Current.CancellationToken);
        await using var hub = await FakeHub.StartAsync();
        hub.Add(File, content);
        hub.DropAtOffsets.Enqueue(content.Length / 2);
        var cache = Directory.CreateTempSubdirectory("edgeaspire-arm64-cache-");
        try
        {
            await using var store = await EmulatedService.StartAsync("modelstore", "/health",
                $"--ModelStore:CachePath={cache.FullName}", $"--ModelStore:Endpoint={hub.Endpoint}",
                "--ModelStore:ReadTimeout=00:00:30", "--ModelStore:RetryDelay=00:00:00.010",
                $"--ModelStore:Catalog:tiny:Repo={FakeHub.Repo}", $"--ModelStore:Catalog:tiny:File={File}",
                $"--ModelStore:Catalog:other:Repo={FakeHub.Repo}", $"--ModelStore:Catalog:other:File={File}");

            using var pulled = await store.Client.PostAsync("/models/tiny/pull?wait=true", null, TestContext.Current.CancellationToken);
            var model = JsonDocument.Parse(await pulled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
            Assert.Equal("present", model.GetProperty("state").GetString());
            Assert.Equal(hub.Sha256Of(File), model.GetProperty("sha256").GetString());
            Assert.Equal(content, await System.IO.File.ReadAllBytesAsync(Path.Combine(cache.FullName, File), TestContext.Current.CancellationToken));
            Assert.Empty(hub.DropAtOffsets);
            Assert.Contains(hub.RangeStarts, start => start > 0);

            hub.Sha256Override = Convert.ToHexStringLower(SHA256.HashData("not the file"u8));
            using var refused = await store.Client.PostAsync("/models/other/pull?wait=true", null, TestContext.Current.CancellationToken);
            var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");

            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Equal("checksum_mismatch", error.GetProperty("code").GetString());
            Assert.False(System.IO.File.Exists(Path.Combine(cache.FullName, "other.gguf")));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
