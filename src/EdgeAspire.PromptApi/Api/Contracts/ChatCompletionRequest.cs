using System.Text.Json;

namespace EdgeAspire.PromptApi.Api.Contracts;

/// <summary><c>POST /v1/chat/completions</c> body. Fields that OpenAI's API takes in several shapes (<c>stop</c>,
/// <c>content</c>) stay <see cref="JsonElement"/> and are checked by the handler, which names the bad parameter.</summary>
internal sealed class ChatCompletionRequest : SamplingParameters
{
    public List<ChatMessageDto>? Messages { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public bool? Logprobs { get; set; }

    public int? TopLogprobs { get; set; }
}

internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement Content { get; set; }

    public string? Name { get; set; }
}

internal sealed class StreamOptionsDto
{
    public bool? IncludeUsage { get; set; }
}
