using System.Globalization;
using EdgeAspire.PromptApi.Api;
using EdgeAspire.PromptApi.Models;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Sends a request for a model to a worker that serves it, and turns what can go wrong on the way into
/// OpenAI error JSON: 404 for a model no worker lists, 503 when every worker listing it is out, 502 when the worker
/// fails the request, 504 when it falls silent.</summary>
internal sealed class ModelRouter(WorkerPool pool, WorkerProber prober, WorkerForwarder forwarder, IOptions<GatewayOptions> options)
{
    public async Task<IResult> ForwardAsync(HttpContext http, string model)
    {
        var outcome = pool.Route(model);
        if (!outcome.KnownModel)
        {
            // A worker may have gained the model since the last round (a new file, a restart with other models).
            await prober.RefreshAsync(http.RequestAborted).ConfigureAwait(false);
            outcome = pool.Route(model);
        }
        if (!outcome.KnownModel)
        {
            throw new ModelNotFoundException(model);
        }

        var tried = new List<WorkerDestination>();
        while (outcome.Destination is { } destination && tried.Count < pool.Destinations.Count)
        {
            tried.Add(destination);
            var error = await forwarder.ForwardAsync(http, destination).ConfigureAwait(false);
            if (error == ForwarderError.None || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty; // done, or Yarp has aborted a response already under way, or nobody is listening
            }
            var exception = http.GetForwarderErrorFeature()?.Exception;
            if (error == ForwarderError.RequestTimedOut)
            {
                return OpenAIErrors.Result(504, $"The worker {destination.ServiceName} sent nothing for {options.Value.RequestTimeout}.", "server_error", null, "worker_timeout");
            }
            prober.TakeOut(destination, exception?.Message ?? error.ToString());
            if (exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return Unreachable(destination, error, exception);
            }
            // Nothing reached that worker, so another replica can take the request as it came. Yarp has set 502 and
            // refuses to forward a response that is not a fresh 200: reset it.
            http.Response.Clear();
            http.Features.Set<IForwarderErrorFeature>(null);
            http.Request.Body.Position = 0;
            outcome = pool.Route(model, tried);
            if (outcome.Destination is null)
            {
                return Unreachable(destination, error, exception);
            }
        }

        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(options.Value.ProbeInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return OpenAIErrors.Result(503, $"No healthy worker serves the model '{model}' right now.", "server_error", "model", "no_healthy_worker");
    }

    private static IResult Unreachable(WorkerDestination destination, ForwarderError error, Exception? exception) =>
        OpenAIErrors.Result(502, $"The worker {destination.ServiceName} failed the request ({error}): {exception?.Message ?? "no detail"}", "server_error", null, "worker_unreachable");
}
