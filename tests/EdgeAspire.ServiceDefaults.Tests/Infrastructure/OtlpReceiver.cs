using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>Accepts OTLP/HTTP protobuf exports on <c>/v1/{signal}</c> and keeps the raw bodies.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string? ContentType, byte[] Body)>> _received = new();
    private LoopbackServer? _server;

    public Uri Endpoint => _server!.BaseAddress;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/{signal}", receiver.ReceiveAsync));
        return receiver;
    }

    public IReadOnlyList<(string? ContentType, byte[] Body)> Received(string signal) =>
        _received.TryGetValue(signal, out var bodies) ? [.. bodies] : [];

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task ReceiveAsync(string signal, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _received.GetOrAdd(signal, _ => new()).Enqueue((context.Request.ContentType, body.ToArray()));

        // An empty Export*ServiceResponse: full success.
        context.Response.ContentType = "application/x-protobuf";
    }
}
