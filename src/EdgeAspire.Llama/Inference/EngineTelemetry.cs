using System.Diagnostics;

namespace EdgeAspire.Llama.Inference;

/// <summary>Spans of a request's token stages. The worker thread does not inherit the caller's
/// <see cref="Activity.Current"/>, so each job carries its caller's context and the stages are its children.
/// With no listener, nothing here allocates.</summary>
internal static class EngineTelemetry
{
    public const string SourceName = "EdgeAspire.Llama";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The wait for a free sequence, recorded once the wait is over.</summary>
    public static void RecordQueue(ActivityContext parent, long submittedAt, long startedAt, int queueDepth)
    {
        if (!Source.HasListeners() || parent == default)
        {
            return;
        }
        using var queue = Source.StartActivity("queue", ActivityKind.Internal, parent, startTime: WallClock(submittedAt));
        queue?.SetTag("edgeaspire.queue.depth", queueDepth);
        queue?.SetEndTime(WallClock(startedAt).UtcDateTime);
    }

    /// <summary>A stage without engine facts (the final text assembly).</summary>
    public static Activity? StartStage(string name, ActivityContext parent, int batchSize) =>
        Source.HasListeners() && parent != default
            ? Source.StartActivity(name, ActivityKind.Internal, parent)?.SetTag("edgeaspire.batch.size", batchSize)
            : null;

    /// <summary>Pieces are turned into text token by token during decode; this span is the final flush and carries
    /// the total time spent on text over the whole generation.</summary>
    public static void EndDetokenize(Activity? stage, int tokens, double totalMilliseconds)
    {
        if (stage is null)
        {
            return;
        }
        stage.SetTag("edgeaspire.tokens", tokens);
        stage.SetTag("edgeaspire.detokenize.total_ms", Math.Round(totalMilliseconds, 3));
        stage.Stop();
    }

    public static Activity? StartStage(string name, ActivityContext parent, LlamaContext context, int batchSize)
    {
        if (!Source.HasListeners() || parent == default)
        {
            return null;
        }
        var stage = Source.StartActivity(name, ActivityKind.Internal, parent);
        if (stage is { IsAllDataRequested: true })
        {
            stage.SetTag("edgeaspire.batch.size", batchSize);
            stage.SetTag("edgeaspire.threads", context.Threads);
            stage.SetTag("edgeaspire.context.size", context.ContextSize);
            stage.SetTag("edgeaspire.cpu.backend", LlamaRuntime.Current?.CpuBackend);
        }
        return stage;
    }

    public static void EndStage(Activity? stage, int tokens, double milliseconds, FinishReason? reason = null, Exception? error = null)
    {
        if (stage is null)
        {
            return;
        }
        stage.SetTag("edgeaspire.tokens", tokens);
        stage.SetTag("edgeaspire.tokens_per_second", milliseconds > 0 ? Math.Round(tokens * 1000.0 / milliseconds, 2) : 0);
        if (reason is { } finish)
        {
            stage.SetTag("edgeaspire.finish_reason", finish.ToString().ToLowerInvariant());
        }
        if (error is not null)
        {
            stage.SetStatus(ActivityStatusCode.Error, error.Message);
            stage.AddException(error);
        }
        stage.Stop();
    }

    public static void TokenEvent(Activity decode, int index, double gapMilliseconds) =>
        decode.AddEvent(new ActivityEvent("token", tags: new ActivityTagsCollection
        {
            ["edgeaspire.token.index"] = index,
            ["edgeaspire.token.gap_ms"] = Math.Round(gapMilliseconds, 3),
        }));

    private static DateTimeOffset WallClock(long timestamp) => DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(timestamp);
}
