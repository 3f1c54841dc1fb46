using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

internal static class ResponseMapping
{
    public static Usage Usage(GenerationTimings t) =>
        new(t.PromptTokens, t.GeneratedTokens, t.PromptTokens + t.GeneratedTokens, new PromptTokensDetails(t.CachedTokens));

    public static Timings Timings(GenerationTimings t) => new(
        PromptN: t.PromptEvaluated,
        PromptMs: Math.Round(t.PromptMs, 3),
        PromptPerTokenMs: t.PromptEvaluated > 0 ? Math.Round(t.PromptMs / t.PromptEvaluated, 3) : 0,
        PromptPerSecond: Math.Round(t.PromptTokensPerSecond, 3),
        PredictedN: t.GeneratedTokens,
        PredictedMs: Math.Round(t.GenerationMs, 3),
        PredictedPerTokenMs: t.GeneratedTokens > 0 ? Math.Round(t.GenerationMs / t.GeneratedTokens, 3) : 0,
        PredictedPerSecond: Math.Round(t.GenerationTokensPerSecond, 3),
        CacheN: t.CachedTokens);

    public static string FinishReason(FinishReason reason) => reason switch
    {
        Llama.Inference.FinishReason.Length => "length",
        _ => "stop",
    };

    public static ChatTokenLogprob ChatLogprob(TokenLogProb p) => new(
        p.Text, p.LogProb, Bytes(p.Bytes), [.. p.Top.Select(t => new ChatTopLogprob(t.Text, t.LogProb, Bytes(t.Bytes)))]);

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string Fingerprint => $"llama.cpp-{Llama.LlamaRuntime.Current?.BuildInfo ?? "unknown"}";

    private static int[] Bytes(byte[] bytes) => [.. bytes.Select(b => (int)b)];
}
