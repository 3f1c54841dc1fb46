using System.Text.Json;

namespace EdgeAspire.PromptApi.Api.Contracts;

/// <summary><c>POST /v1/completions</c> body. <c>prompt</c> may be a string, strings, token ids, or lists of
/// token ids; with <c>echo</c> and <c>logprobs</c> the prompt's own tokens are scored (lm-evaluation-harness).</summary>
internal sealed class CompletionRequest : SamplingParameters
{
    public JsonElement Prompt { get; set; }

    public bool? Echo { get; set; }

    public int? Logprobs { get; set; }

    public string? Suffix { get; set; }
}
