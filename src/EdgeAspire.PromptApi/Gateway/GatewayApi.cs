using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>The OpenAI routes of the gateway: generation by the body's <c>model</c>, a model by its id, and the
/// merged model list; and the workers behind it, for clients that measure them.</summary>
internal static class GatewayApi
{
    public static RouteGroupBuilder MapGatewayApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", ForwardByBodyModel);
        v1.MapPost("/completions", ForwardByBodyModel);
        v1.MapGet("/models", ListModels);
        v1.MapGet("/models/{id}", GetModel);
        v1.MapGet("/workers", ListWorkers);
        return v1;
    }

    public static async Task<IResult> ForwardByBodyModel(HttpContext http, ModelRouter router)
    {
        var model = await RequestedModel.ReadAsync(http.Request, http.RequestAborted);
        return await router.ForwardAsync(http, model);
    }

    public static Task<IResult> GetModel(string id, HttpContext http, ModelRouter router) => router.ForwardAsync(http, id);

    public static async Task<JsonHttpResult<MergedModelList>> ListModels(WorkerPool pool, WorkerProber prober, CancellationToken cancellationToken)
    {
        if (!pool.Probed)
        {
            await prober.RefreshAsync(cancellationToken);
        }
        return TypedResults.Json(new MergedModelList("list", pool.MergedModels()), GatewayJsonContext.Default.MergedModelList);
    }

    public static JsonHttpResult<GatewayWorkerList> ListWorkers(WorkerPool pool) =>
        TypedResults.Json(new GatewayWorkerList("list", [.. pool.Destinations.Select(d => new GatewayWorker(d.ServiceName, d.Prefix, d.Prefix + "/metrics", d.Healthy))]),
            GatewayJsonContext.Default.GatewayWorkerList);
}
