using System.Diagnostics;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi;

/// <summary>The request-level span of the OpenTelemetry GenAI semantic conventions (<c>{operation} {model}</c>) and
/// the service's own stages (<c>model.load</c>, <c>tokenize</c>); the engine adds <c>queue</c>, <c>prefill</c> and
/// <c>decode</c> under it.</summary>
internal static class GenAiTelemetry
{
    public const string SourceName = "EdgeAspire.PromptApi";

    public const string ProviderName = "llama.cpp";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartOperation(string operation, string model)
    {
        var activity = Source.StartActivity($"{operation} {model}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", operation);
            activity.SetTag("gen_ai.provider.name", ProviderName);
            activity.SetTag("gen_ai.request.model", model);
        }
        return activity;
    }

    public static void Request(Activity? activity, GenerationRequest request)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag("gen_ai.request.max_tokens", request.MaxTokens);
        activity.SetTag("gen_ai.request.temperature", request.Sampling.Temperature);
        activity.SetTag("gen_ai.request.top_p", request.Sampling.TopP);
        if (request.Sampling.Seed is { } seed)
        {
            activity.SetTag("gen_ai.request.seed", seed);
        }
        if (request.Stop.Count > 0)
        {
            activity.SetTag("gen_ai.request.stop_sequences", request.Stop.ToArray());
        }
    }

    /// <summary>What served the request: the file, the backend and the engine's shape.</summary>
    public static void Model(Activity? activity, Models.LoadedModel model)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag("gen_ai.response.model", model.Id);
        activity.SetTag("edgeaspire.model.file", System.IO.Path.GetFileName(model.Entry.Path));
        if (model.Entry.Sha256 is { IsCompletedSuccessfully: true } sha)
        {
            activity.SetTag("edgeaspire.model.sha256", sha.Result);
        }
        activity.SetTag("edgeaspire.cpu.backend", Llama.LlamaRuntime.Current?.CpuBackend);
        activity.SetTag("edgeaspire.threads", model.Engine.Threads);
        activity.SetTag("edgeaspire.context.size", model.Engine.ContextSize);
        activity.SetTag("edgeaspire.parallel_sequences", model.Engine.Sequences);
    }

    public static void Response(Activity? activity, string id, FinishReason reason, GenerationTimings timings)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag("gen_ai.response.id", id);
        activity.SetTag("gen_ai.response.finish_reasons", new[] { reason == FinishReason.Cancelled ? "cancelled" : Api.ResponseMapping.FinishReason(reason) });
        activity.SetTag("gen_ai.usage.input_tokens", timings.PromptTokens);
        activity.SetTag("gen_ai.usage.output_tokens", timings.GeneratedTokens);
        activity.SetTag("edgeaspire.usage.cached_tokens", timings.CachedTokens);
        activity.SetTag("edgeaspire.time_to_first_token_ms", Math.Round(timings.TimeToFirstTokenMs, 3));
        activity.SetTag("edgeaspire.decode.tokens_per_second", Math.Round(timings.GenerationTokensPerSecond, 2));
    }

    public static void Failed(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error.GetType().Name);
        activity.AddException(error);
    }

    public static Activity? StartStage(string name) => Source.StartActivity(name, ActivityKind.Internal);
}
