using System.Globalization;
using System.Text;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi.Api;

/// <summary>
/// Refuses a text too long for the context before it is tokenized. No token covers more bytes than the
/// vocabulary's longest token text, so a text of B bytes is at least B / longest tokens; tokenizing megabytes only
/// to count them would cost seconds of CPU outside the request queue, and the memory for every token.
/// </summary>
internal static class PromptSize
{
    // The BOS token and the space SentencePiece puts before a text are not in the text.
    private const int Slack = 8;

    /// <returns>Why the text cannot fit, or null when it may (the exact count after tokenizing decides).</returns>
    public static string? Problem(string text, LoadedModel model)
    {
        if (model.LongestTokenBytes == 0)
        {
            return null;
        }
        var context = model.Engine.ContextSize;
        var limit = ((long)context * model.LongestTokenBytes) + Slack;
        // A UTF-8 text has at least one byte per char: past the limit in chars, there is no need to count bytes.
        var bytes = text.Length > limit ? text.Length : Encoding.UTF8.GetByteCount(text);
        return bytes <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The prompt is {(text.Length > limit ? "over " : "")}{bytes} bytes, at least {bytes / model.LongestTokenBytes} tokens (no token of this model covers more than {model.LongestTokenBytes} bytes): more than the {context}-token context.");
    }
}
