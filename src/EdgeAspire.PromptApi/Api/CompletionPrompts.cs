using System.Text.Json;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi.Api;

/// <summary>The four shapes OpenAI's <c>prompt</c> takes: a string, strings, token ids, or lists of token ids.</summary>
internal static class CompletionPrompts
{
    private const int MaxPrompts = 64;

    /// <returns>Each prompt's tokens and its text (token prompts are decoded for <c>echo</c>).</returns>
    /// <param name="place">The request's place in the model's queue, which text prompts are tokenized under.</param>
    public static async Task<IReadOnlyList<(int[] Tokens, string Text)>> ParseAsync(JsonElement prompt, LoadedModel model, QueuePlace place, CancellationToken cancellationToken)
    {
        var engine = model.Engine;
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return [await FromTextAsync(JsonText.Read(prompt, "prompt"), model, place, cancellationToken)];
            case JsonValueKind.Array when prompt.GetArrayLength() == 0:
                throw Invalid("'prompt' must not be empty.");
            case JsonValueKind.Array when prompt[0].ValueKind == JsonValueKind.Number:
                return [FromTokens(prompt, engine)];
            case JsonValueKind.Array when prompt.GetArrayLength() > MaxPrompts:
                // Only a batch of prompts is limited here; one token prompt's length is the context's to limit.
                throw Invalid($"At most {MaxPrompts} prompts per request.");
            case JsonValueKind.Array:
                var prompts = new List<(int[], string)>(prompt.GetArrayLength());
                foreach (var p in prompt.EnumerateArray())
                {
                    prompts.Add(p.ValueKind switch
                    {
                        JsonValueKind.String => await FromTextAsync(JsonText.Read(p, "prompt"), model, place, cancellationToken),
                        JsonValueKind.Array => FromTokens(p, engine),
                        _ => throw Invalid("'prompt' must be a string, an array of strings, an array of token ids, or an array of arrays of token ids."),
                    });
                }
                return prompts;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                throw Invalid("'prompt' is required.");
            default:
                throw Invalid("'prompt' must be a string, an array of strings, an array of token ids, or an array of arrays of token ids.");
        }
    }

    private static async Task<(int[], string)> FromTextAsync(string text, LoadedModel model, QueuePlace place, CancellationToken cancellationToken)
    {
        if (PromptSize.Problem(text, model) is { } tooLong)
        {
            throw new RequestValidationException("prompt", tooLong, "context_length_exceeded");
        }
        var tokens = await model.Engine.TokenizeAsync(place, text, addSpecial: true, parseSpecial: true, cancellationToken);
        return (Fitting(tokens, model.Engine), text);
    }

    private static (int[], string) FromTokens(JsonElement array, InferenceEngine engine)
    {
        var tokens = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var token) || !engine.Model.Vocab.IsValid(token))
            {
                throw Invalid($"Token {item} at position {i} is not in the vocabulary (0..{engine.Model.Vocab.Count - 1}).");
            }
            tokens[i++] = token;
        }
        if (tokens.Length == 0)
        {
            throw Invalid("A token prompt must not be empty.");
        }
        return (Fitting(tokens, engine), engine.Model.Vocab.Detokenize(tokens));
    }

    /// <summary>Checked here rather than by the engine so that the error names <c>prompt</c>, not <c>messages</c>.</summary>
    private static int[] Fitting(int[] tokens, InferenceEngine engine) => tokens.Length > engine.ContextSize
        ? throw new RequestValidationException("prompt", new ContextLengthExceededException(tokens.Length, engine.ContextSize).Message, "context_length_exceeded")
        : tokens;

    private static RequestValidationException Invalid(string message) => new("prompt", message);
}
