using System.Text.Json;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>llama-server's <c>timings</c> object (also sent by PromptApi), read from the raw stream because the
/// OpenAI SDK drops fields it does not know. <c>prompt_n</c> counts evaluated prompt tokens; <c>cache_n</c> cached ones.</summary>
public sealed record ServerTimings(int PromptN, double PromptMs, double PromptPerSecond, int PredictedN, double PredictedMs, double PredictedPerSecond, int? CacheN)
{
    public static ServerTimings? From(JsonElement chunk)
    {
        if (!chunk.TryGetProperty("timings", out var t) || t.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        double D(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        return new ServerTimings((int)D("prompt_n"), D("prompt_ms"), D("prompt_per_second"), (int)D("predicted_n"), D("predicted_ms"), D("predicted_per_second"),
            t.TryGetProperty("cache_n", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null);
    }
}
