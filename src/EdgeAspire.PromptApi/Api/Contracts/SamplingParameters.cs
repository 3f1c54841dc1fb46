using System.Text.Json;

namespace EdgeAspire.PromptApi.Api.Contracts;

/// <summary>What chat and text completions share: the model, sampling, limits and streaming.</summary>
internal abstract class SamplingParameters
{
    public string? Model { get; set; }

    public int? MaxTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    /// <summary>llama.cpp extensions, as llama-server accepts them.</summary>
    public int? TopK { get; set; }

    public float? MinP { get; set; }

    public float? RepeatPenalty { get; set; }

    public bool? IgnoreEos { get; set; }

    public float? FrequencyPenalty { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    public JsonElement Stop { get; set; }

    public int? N { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public string? User { get; set; }
}
