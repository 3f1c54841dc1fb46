using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Sends the current request to a destination with Yarp's <see cref="IHttpForwarder"/>: headers and body
/// as they came, the response streamed back as it is produced (no buffering, so SSE chunks pass one by one).</summary>
internal sealed class WorkerForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _http;
    private readonly ForwarderRequestConfig _config;

    public WorkerForwarder(IHttpForwarder forwarder, IOptions<GatewayOptions> options)
    {
        _forwarder = forwarder;
        // As Yarp's own client factory sets it up, plus: a short connect timeout, so a dead replica is given up for
        // the next one quickly; and ReverseProxyPropagator, which replaces the client's traceparent with the one of
        // this hop's client span instead of passing the client's on (the trace then shows the gateway).
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
        _config = new ForwarderRequestConfig { ActivityTimeout = options.Value.RequestTimeout };
    }

    /// <summary>Forwards while counting the request as outstanding on <paramref name="destination"/>.</summary>
    public async Task<ForwarderError> ForwardAsync(HttpContext http, WorkerDestination destination)
    {
        using var lease = destination.Begin();
        // Set before forwarding: Yarp adds the worker's own headers to the response and leaves this one.
        http.Response.Headers[WorkerHeader.Name] = destination.Prefix;
        return await _forwarder.SendAsync(http, destination.Prefix, _http, _config, HttpTransformer.Default).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}
