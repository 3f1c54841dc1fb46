using Polly;

namespace EdgeAspire.ServiceDefaults.Resilience;

/// <summary>
/// Runs each request through <see cref="HttpResiliencePipelines"/> (Microsoft.Extensions.Http.Resilience is not
/// available here). The pipeline ends when the inner handler returns, that is when response headers arrive.
/// </summary>
internal sealed class HttpResilienceHandler(HttpResiliencePipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await pipelines.For(request.Method).ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return pipelines.For(request.Method).Execute(
                static (context, state) => state.Handler.SendOnce(state.Request, context.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private HttpResponseMessage SendOnce(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.Send(request, cancellationToken);
}
