using System.Text.Json;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary>OpenAI chat parameters this server does not implement: a request that sets one gets a 400 naming it,
/// since ignoring it would answer something other than what was asked. Parameters that change nothing about the
/// answer (<c>user</c>, <c>store</c>, <c>metadata</c>) are accepted.</summary>
internal static class UnsupportedParameters
{
    public static void Check(ChatCompletionRequest body)
    {
        Refuse("logit_bias", body.LogitBias, allowEmptyObject: true);
        Refuse("functions", body.Functions, hint: "use 'tools'");
        Refuse("function_call", body.FunctionCall, hint: "use 'tool_choice'");
        Refuse("audio", body.Audio);
        Refuse("modalities", body.Modalities);
        Refuse("prediction", body.Prediction);
        Refuse("web_search_options", body.WebSearchOptions);
    }

    private static void Refuse(string name, JsonElement value, bool allowEmptyObject = false, string? hint = null)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            || allowEmptyObject && value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any())
        {
            return;
        }
        throw new RequestValidationException(name, $"'{name}' is not supported by this server{(hint is null ? "" : $"; {hint}")}.", "unsupported_parameter");
    }
}
