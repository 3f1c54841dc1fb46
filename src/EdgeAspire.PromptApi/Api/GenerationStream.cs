using System.Text.Json.Serialization.Metadata;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary>How one endpoint's chunks look: the chunk for a text update (null to skip it), the last chunk (finish
/// reason and timings), and the usage-only chunk of <c>stream_options.include_usage</c>.</summary>
internal sealed record ChunkShape<TChunk>(
    JsonTypeInfo<TChunk> Type,
    Func<GenerationUpdate, TChunk?> Update,
    Func<GenerationUpdate, GenerationTimings, TChunk> Final,
    Func<Usage, TChunk> UsageOnly);

/// <summary>Streams a generation as OpenAI does: chunks as text arrives, a final chunk, the usage chunk when asked,
/// then <c>data: [DONE]</c>. A failure after the first byte cannot change the status any more, so it is sent as an
/// error event, and returned so that the caller's telemetry records it.</summary>
internal static class GenerationStream
{
    public static async Task<Exception?> WriteAsync<TChunk>(HttpResponse response, IAsyncEnumerable<GenerationUpdate> updates, ChunkShape<TChunk> shape,
        IEnumerable<TChunk> leading, bool includeUsage, Action<GenerationUpdate, GenerationTimings> finished, CancellationToken aborted)
    {
        ServerSentEvents.Start(response);
        foreach (var chunk in leading)
        {
            await ServerSentEvents.WriteAsync(response, chunk, shape.Type, aborted);
        }
        await using var stream = updates.GetAsyncEnumerator(aborted);
        Exception? failure = null;
        try
        {
            while (await stream.MoveNextAsync())
            {
                var update = stream.Current;
                if (update.Timings is { } timings)
                {
                    finished(update, timings);
                    await ServerSentEvents.WriteAsync(response, shape.Final(update, timings), shape.Type, aborted);
                    if (includeUsage)
                    {
                        await ServerSentEvents.WriteAsync(response, shape.UsageOnly(ResponseMapping.Usage(timings)), shape.Type, aborted);
                    }
                }
                else if (shape.Update(update) is { } chunk)
                {
                    await ServerSentEvents.WriteAsync(response, chunk, shape.Type, aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client is gone and the engine stops at its next token: still record how the request ended.
            while (await stream.MoveNextAsync())
            {
                if (stream.Current.Timings is { } timings)
                {
                    finished(stream.Current, timings);
                }
            }
            throw;
        }
        catch (Exception e)
        {
            failure = e;
            var (_, body) = OpenAIErrors.Describe(e) ?? (500, new ErrorBody("The generation failed.", "server_error", null, null));
            await ServerSentEvents.WriteAsync(response, new ErrorResponse(body), PromptApiJsonContext.Default.ErrorResponse, aborted);
        }
        await ServerSentEvents.DoneAsync(response, aborted);
        return failure;
    }
}
