using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Downloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeAspire.ModelStore.Api;

/// <summary>
/// <c>POST /models/{id}/pull</c> starts or joins a download. It answers once the download is under way (202 with
/// progress), so that an unknown file, a gated repo or a full quota come back as this response's error;
/// <c>?wait=true</c> answers when the model is in the cache. <c>GET</c> streams progress as server-sent events.
/// </summary>
internal static class PullApi
{
    public static RouteGroupBuilder MapPullApi(this RouteGroupBuilder models)
    {
        models.MapPost("/{id}/pull", Pull);
        models.MapGet("/{id}/pull", PullEvents);
        return models;
    }

    public static async Task<Results<Ok<ModelDto>, Accepted<PullProgress>>> Pull(
        string id, bool? wait, DownloadCoordinator downloads, ModelViews views, CancellationToken cancellationToken)
    {
        var operation = downloads.StartOrJoin(id);
        if (wait is not true)
        {
            await foreach (var progress in operation.WatchAsync(cancellationToken))
            {
                if (progress.State != PullProgress.Resolving && !progress.IsFinished)
                {
                    return TypedResults.Accepted($"/models/{id}/pull", progress);
                }
            }
        }
        await operation.Completion.WaitAsync(cancellationToken);
        return TypedResults.Ok(views.Get(id));
    }

    public static ServerSentEventsResult<PullProgress> PullEvents(string id, DownloadCoordinator downloads, CancellationToken cancellationToken)
    {
        var operation = downloads.Find(ModelIds.Require(id))
            ?? throw new ModelStoreException(404, "not_pulling", $"No pull of '{id}' is under way and it is not in the cache; POST /models/{id}/pull starts one.", "id");
        return TypedResults.ServerSentEvents(Events(operation, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<PullProgress>> Events(PullOperation operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var progress in operation.WatchAsync(cancellationToken))
        {
            yield return new SseItem<PullProgress>(progress, progress.IsFinished ? progress.State : "progress");
        }
    }
}
