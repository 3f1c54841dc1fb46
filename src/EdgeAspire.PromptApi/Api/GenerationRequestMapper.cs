using System.Text.Json;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary>Checks the shared request fields with OpenAI's ranges and names the parameter that is wrong.</summary>
internal static class GenerationRequestMapper
{
    private const int MaxStopSequences = 16;

    /// <summary>New tokens for a chat request that names no <c>max_tokens</c>: bounded, as Ollama's
    /// <c>num_predict</c> is, so a forgotten limit on a small model is not minutes of generation until the context is
    /// full (stories260K wrote 1,999 tokens in 129 s). Never more than the context leaves.</summary>
    public const int DefaultMaxTokens = 512;

    public static string RequireModel(SamplingParameters body) =>
        string.IsNullOrWhiteSpace(body.Model) ? throw new RequestValidationException("model", "'model' is required.") : body.Model;

    /// <summary>Checks the fields <see cref="Map"/> reads; runs before the model is acquired, so that a bad value
    /// neither loads a model nor unloads another to make room.</summary>
    /// <param name="maxTokensParam">The field <paramref name="maxTokens"/> came from, for the error message.</param>
    public static void Validate(SamplingParameters body, int? maxTokens, string maxTokensParam = "max_tokens")
    {
        if (body.N is { } n && n != 1)
        {
            throw new RequestValidationException("n", "Only n = 1 is supported.");
        }
        if (maxTokens is < 0)
        {
            throw new RequestValidationException(maxTokensParam, $"'{maxTokensParam}' must be 0 or more; got {maxTokens}.");
        }
        Range("temperature", body.Temperature, 0, 2);
        Range("top_p", body.TopP, 0, 1);
        Range("min_p", body.MinP, 0, 1);
        Range("frequency_penalty", body.FrequencyPenalty, -2, 2);
        Range("presence_penalty", body.PresencePenalty, -2, 2);
        Range("repeat_penalty", body.RepeatPenalty, float.Epsilon, 10);
        if (body.TopK is < 0)
        {
            throw new RequestValidationException("top_k", $"'top_k' must be 0 or more; got {body.TopK}.");
        }
        StopSequences(body.Stop);
    }

    /// <summary>The engine's request for a body that passed <see cref="Validate"/>.</summary>
    public static GenerationRequest Map(SamplingParameters body, int[] promptTokens, int contextSize, int? maxTokens, int? topLogProbs) =>
        new()
        {
            PromptTokens = promptTokens,
            MaxTokens = maxTokens ?? Math.Min(DefaultMaxTokens, Math.Max(0, contextSize - promptTokens.Length + 1)),
            Stop = StopSequences(body.Stop),
            TopLogProbs = topLogProbs,
            IgnoreEndOfGeneration = body.IgnoreEos ?? false,
            Sampling = new SamplingOptions
            {
                // OpenAI's default temperature is 1; benchmarks send 0 for deterministic decoding.
                Temperature = body.Temperature ?? 1f,
                // OpenAI accepts top_p 0 (keep only the most likely token); llama.cpp's top-p needs p > 0 and keeps at
                // least one token, so the smallest positive p means the same.
                TopP = body.TopP is 0f ? float.Epsilon : body.TopP ?? 1f,
                TopK = body.TopK ?? 0,
                MinP = body.MinP ?? 0f,
                RepeatPenalty = body.RepeatPenalty ?? 1f,
                FrequencyPenalty = body.FrequencyPenalty ?? 0f,
                PresencePenalty = body.PresencePenalty ?? 0f,
                Seed = body.Seed is { } seed ? unchecked((uint)seed) : null,
            },
        };

    public static IReadOnlyList<string> StopSequences(JsonElement stop)
    {
        switch (stop.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return [NonEmpty(JsonText.Read(stop, "stop"))];
            case JsonValueKind.Array:
                if (stop.GetArrayLength() > MaxStopSequences)
                {
                    throw new RequestValidationException("stop", $"At most {MaxStopSequences} stop sequences are supported.");
                }
                return [.. stop.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                    ? NonEmpty(JsonText.Read(e, "stop"))
                    : throw new RequestValidationException("stop", "'stop' must be a string or an array of strings."))];
            default:
                throw new RequestValidationException("stop", "'stop' must be a string or an array of strings.");
        }
    }

    private static string NonEmpty(string stop) =>
        stop.Length > 0 ? stop : throw new RequestValidationException("stop", "Stop sequences must not be empty.");

    private static void Range(string name, float? value, float min, float max)
    {
        if (value is { } v && !(float.IsFinite(v) && v >= min && v <= max))
        {
            throw new RequestValidationException(name, $"'{name}' must be between {min} and {max}; got {v}.");
        }
    }
}
