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

    public ResponseFormatDto? ResponseFormat { get; set; }

    public List<ToolDto>? Tools { get; set; }

    /// <summary><c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public JsonElement ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    /// <summary>OpenAI parameters this server does not implement, refused by name rather than ignored.</summary>
    public JsonElement LogitBias { get; set; }

    public JsonElement Functions { get; set; }

    public JsonElement FunctionCall { get; set; }

    public JsonElement Audio { get; set; }

    public JsonElement Modalities { get; set; }

    public JsonElement Prediction { get; set; }

    public JsonElement WebSearchOptions { get; set; }
}

internal sealed class ResponseFormatDto
{
    public string? Type { get; set; }

    public JsonSchemaFormatDto? JsonSchema { get; set; }
}

internal sealed class JsonSchemaFormatDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement Schema { get; set; }

    public bool? Strict { get; set; }
}

internal sealed class ToolDto
{
    public string? Type { get; set; }

    public FunctionDto? Function { get; set; }
}

internal sealed class FunctionDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement Parameters { get; set; }

    public bool? Strict { get; set; }
}

internal sealed class ToolCallDto
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public FunctionCallDto? Function { get; set; }
}

internal sealed class FunctionCallDto
{
    public string? Name { get; set; }

    public string? Arguments { get; set; }
}

internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement Content { get; set; }

    public string? Name { get; set; }

    public List<ToolCallDto>? ToolCalls { get; set; }

    public string? ToolCallId { get; set; }
}

internal sealed class StreamOptionsDto
{
    public bool? IncludeUsage { get; set; }
}
