using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>
/// A Kestrel app on loopback that imitates the Hub's <c>resolve</c> and <c>api/models/{repo}/tree/{revision}</c>
/// endpoints, honours <c>Range</c>, and injects the faults a download must survive.
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    public const string Repo = "test-org/tiny-GGUF";
    private const int ChunkSize = 64 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private FakeHub(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    // Faults, set by a test before the download starts.
    public ConcurrentQueue<long> DropAtOffsets { get; } = new();
    public int FailuresLeft;
    public int FailureStatus = 500;
    public int? ForcedStatus { get; set; }
    public bool IgnoreRange { get; set; }
    public int StallsLeft;
    public int TreeStallsLeft;
    public string? RequiredToken { get; set; }
    public string? Sha256Override { get; set; }
    public long? PauseAtOffset { get; set; }

    /// <summary>Bytes sent after the file without a Content-Length, as a broken or hostile upstream does.</summary>
    public long ExtraBytes { get; set; }
    public TaskCompletionSource PauseReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // What the store asked for.
    public int ResolveRequests;
    public int TreeRequests;
    public ConcurrentQueue<long> RangeStarts { get; } = new();
    public ConcurrentQueue<string?> AuthorizationHeaders { get; } = new();

    public static async Task<FakeHub> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        var hub = new FakeHub(builder.Build());
        hub._app.MapGet("/api/models/{owner}/{name}/tree/{revision}", hub.Tree);
        hub._app.MapGet("/{owner}/{name}/resolve/{revision}/{**file}", hub.Resolve);
        await hub._app.StartAsync();
        hub.Endpoint = new Uri(hub._app.Urls.First());
        return hub;
    }

    public string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(_files[file]));

    public void Add(string file, byte[] content) => _files[file] = content;

    private async Task<IResult> Tree(string owner, string name, HttpContext context)
    {
        Interlocked.Increment(ref TreeRequests);
        if (Refusal(context) is { } status)
        {
            return Results.StatusCode(status);
        }
        if (Interlocked.Decrement(ref TreeStallsLeft) >= 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // accepted, then no answer at all
        }
        return Results.Json(_files.Select(f => new
        {
            type = "file",
            path = f.Key,
            size = f.Value.Length,
            lfs = new { oid = Sha256Override ?? Sha256Of(f.Key), size = f.Value.Length, pointerSize = 134 },
        }));
    }

    private async Task Resolve(string owner, string name, string revision, string file, HttpContext context)
    {
        Interlocked.Increment(ref ResolveRequests);
        AuthorizationHeaders.Enqueue(context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null);
        if ((Refusal(context) ?? (Interlocked.Decrement(ref FailuresLeft) >= 0 ? FailureStatus : null)) is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }
        if (!_files.TryGetValue(file, out var content) || $"{owner}/{name}" != Repo)
        {
            context.Response.StatusCode = 404;
            return;
        }
        var start = IgnoreRange ? 0 : RangeStart(context.Request);
        RangeStarts.Enqueue(start);
        if (start >= content.Length)
        {
            context.Response.StatusCode = 416;
            return;
        }
        if (start > 0)
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        if (ExtraBytes == 0)
        {
            context.Response.ContentLength = content.Length - start;
        }
        await WriteBodyAsync(context, content, start);
        for (var extra = ExtraBytes; extra > 0 && !context.RequestAborted.IsCancellationRequested; extra -= ChunkSize)
        {
            await context.Response.Body.WriteAsync(new byte[Math.Min(extra, ChunkSize)], context.RequestAborted);
        }
    }

    private async Task WriteBodyAsync(HttpContext context, byte[] content, long start)
    {
        var drop = DropAtOffsets.TryDequeue(out var at) && at > start ? at : long.MaxValue;
        for (var offset = start; offset < content.Length;)
        {
            var end = Math.Min(Math.Min(offset + ChunkSize, content.Length), drop);
            if (PauseAtOffset is { } pause && offset < pause && end > pause)
            {
                end = pause;
            }
            await context.Response.Body.WriteAsync(content.AsMemory((int)offset, (int)(end - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            offset = end;
            if (offset == drop)
            {
                context.Abort();
                return;
            }
            if (offset == PauseAtOffset)
            {
                PauseReached.TrySetResult();
                await Resume.Task.WaitAsync(context.RequestAborted);
            }
            if (Interlocked.Decrement(ref StallsLeft) >= 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // a stalled server: headers and some bytes, then nothing
            }
        }
    }

    private int? Refusal(HttpContext context) =>
        ForcedStatus ?? (RequiredToken is { } token && context.Request.Headers.Authorization != $"Bearer {token}" ? (int)HttpStatusCode.Unauthorized : null);

    private static long RangeStart(HttpRequest request) =>
        request.Headers.Range.ToString() is { Length: > 0 } range && range.StartsWith("bytes=", StringComparison.Ordinal)
            ? long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public async ValueTask DisposeAsync()
    {
        Resume.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
