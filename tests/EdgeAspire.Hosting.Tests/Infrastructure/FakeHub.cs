using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The two Hugging Face Hub routes the ModelStore uses (tree listing, resolve with Range), serving one
/// local file as <c>{Repo}/{File}</c>, so the catalog path can be tested without a network.</summary>
internal sealed class FakeHub : IAsyncDisposable
{
    public const string Repo = "edgeaspire-tests/tiny";
    public const string File = "tiny.gguf";

    private readonly WebApplication _app;

    private FakeHub(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.Single());

    public static async Task<FakeHub> StartAsync(string modelPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var bytes = await System.IO.File.ReadAllBytesAsync(modelPath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        app.MapGet($"/api/models/{Repo}/tree/main", () => Results.Json(new[] { new { path = File, size = bytes.Length, lfs = new { oid = sha, size = bytes.Length } } }));
        app.MapGet($"/{Repo}/resolve/main/{File}", () => Results.File(bytes, "application/octet-stream", enableRangeProcessing: true));
        app.MapMethods("/", ["HEAD", "GET"], () => Results.Ok());
        await app.StartAsync();
        return new FakeHub(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
