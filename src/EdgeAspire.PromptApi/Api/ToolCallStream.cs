using System.Runtime.CompilerServices;
using System.Text;
using EdgeAspire.Llama.Chat.Tools;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi.Api;

/// <summary>Streams the text of an answer that may contain tool calls: text that is (or may become) a call is held
/// back; when the generation ends, the held text is parsed and its calls are in <see cref="Calls"/> by the time the
/// final update is passed on. Text that turns out not to be a call is sent with the final update.</summary>
internal sealed class ToolCallStream(ToolCallFormat format, IReadOnlyCollection<string> toolNames)
{
    private readonly StringBuilder _text = new();
    private int _sent;

    public IReadOnlyList<ToolCall> Calls { get; private set; } = [];

    public async IAsyncEnumerable<GenerationUpdate> Filter(IAsyncEnumerable<GenerationUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            _text.Append(update.Text);
            if (update.FinishReason is null)
            {
                var streamable = format.StreamableLength(_text.ToString());
                var text = streamable > _sent ? _text.ToString(_sent, streamable - _sent) : "";
                _sent = Math.Max(_sent, streamable);
                yield return update with { Text = text };
                continue;
            }
            var output = format.Parse(_text.ToString(), toolNames);
            Calls = output.Calls;
            yield return update with { Text = Calls.Count > 0 ? "" : _text.ToString(_sent, _text.Length - _sent) };
        }
    }
}
