using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Accepts OTLP exports and keeps the raw bodies by signal: over HTTP/protobuf on <c>/v1/{signal}</c>, or over gRPC
/// (cleartext HTTP/2) on <c>/opentelemetry.proto.collector.{signal}.v1.{Service}/Export</c>.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string? ContentType, byte[] Body)>> _received = new();
    private LoopbackServer? _server;

    public Uri Endpoint => _server!.BaseAddress;

    public static async Task<OtlpReceiver> StartAsync(bool grpc = false)
    {
        var receiver = new OtlpReceiver();
        receiver._server = grpc
            ? await LoopbackServer.StartAsync(
                app => app.MapPost("/{service}/Export", receiver.ReceiveGrpcAsync),
                builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2)))
            : await LoopbackServer.StartAsync(app => app.MapPost("/v1/{signal}", receiver.ReceiveAsync));
        return receiver;
    }

    public IReadOnlyList<(string? ContentType, byte[] Body)> Received(string signal) =>
        _received.TryGetValue(signal, out var bodies) ? [.. bodies] : [];

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task ReceiveAsync(string signal, HttpContext context)
    {
        await KeepAsync(signal, context);

        // An empty Export*ServiceResponse: full success.
        context.Response.ContentType = "application/x-protobuf";
    }

    // "opentelemetry.proto.collector.trace.v1.TraceService": the fourth name is the signal ("trace", "metrics", "logs").
    private async Task ReceiveGrpcAsync(string service, HttpContext context)
    {
        var signal = service.Split('.')[3];
        await KeepAsync(signal == "trace" ? "traces" : signal, context);

        // One uncompressed, empty gRPC message (an empty Export*ServiceResponse), then status OK in the trailers.
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private async Task KeepAsync(string signal, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _received.GetOrAdd(signal, _ => new()).Enqueue((context.Request.ContentType, body.ToArray()));
    }
}
