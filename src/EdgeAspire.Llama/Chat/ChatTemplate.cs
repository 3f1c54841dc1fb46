using System.Runtime.InteropServices;
using System.Text;
using EdgeAspire.Llama.Chat.Tools;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama.Chat;

/// <summary>Turns chat messages into a prompt with the model's own template. llama.cpp recognises only its built-in
/// templates (no Jinja): a model whose template it does not recognise, or that has none, gets
/// <see cref="FallbackName"/> (ChatML, which llama-server also falls back to).</summary>
public sealed class ChatTemplate
{
    public const string FallbackName = "chatml";

    private readonly byte[] _template;

    private ChatTemplate(string source, bool isFallback)
    {
        Source = source;
        IsFallback = isFallback;
        _template = NulTerminated(source);
    }

    /// <summary>The model's template text, or <see cref="FallbackName"/>.</summary>
    public string Source { get; }

    public bool IsFallback { get; }

    /// <summary>How this template's model is shown tools and writes calls.</summary>
    public ToolCallFormat ToolFormat => ToolCallFormat.For(IsFallback ? null : Source);

    public static ChatTemplate For(LlamaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ChatTemplate is { Length: > 0 } own)
        {
            var candidate = new ChatTemplate(own, isFallback: false);
            if (candidate.TryApply([new PromptMessage("user", "hi")], addAssistantPrompt: true, out _))
            {
                return candidate;
            }
        }
        return new ChatTemplate(FallbackName, isFallback: true);
    }

    /// <summary>Applies the template. Text may hold any character, U+0000 included: a model can generate a NUL (a
    /// byte token <c>&lt;0x00&gt;</c>), and whatever the server returns must be accepted back on the next turn.
    /// llama.cpp reads message text as C strings, so a NUL travels through it as a stand-in character that no message
    /// contains, and is put back in the result.</summary>
    /// <param name="addAssistantPrompt">End with the opening of an assistant turn, for the model to complete.</param>
    public string Apply(IReadOnlyList<PromptMessage> messages, bool addAssistantPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var standIn = NulStandIn.For(messages, Source);
        if (standIn is { } c)
        {
            messages = [.. messages.Select(m => m with { Role = m.Role.Replace('\0', c), Content = m.Content.Replace('\0', c) })];
        }
        if (!TryApply(messages, addAssistantPrompt, out var prompt))
        {
            throw new LlamaRuntimeException($"llama.cpp could not apply the chat template '{Source}'.");
        }
        return standIn is { } back ? prompt.Replace(back, '\0') : prompt;
    }

    private unsafe bool TryApply(IReadOnlyList<PromptMessage> messages, bool addAssistantPrompt, out string prompt)
    {
        var strings = new List<GCHandle>(messages.Count * 2);
        var native = new LlamaChatMessage[messages.Count];
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Pin(NulTerminated(messages[i].Role), strings);
                native[i].content = Pin(NulTerminated(messages[i].Content), strings);
            }
            var capacity = 256 + messages.Sum(m => Encoding.UTF8.GetByteCount(m.Content)) * 2;
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (byte* template = _template)
                fixed (LlamaChatMessage* chat = native)
                fixed (byte* output = buffer)
                {
                    length = Interop.Interop.Llama.ChatApplyTemplate(template, chat, (nuint)native.Length, addAssistantPrompt, output, buffer.Length);
                }
                if (length < 0)
                {
                    prompt = "";
                    return false;
                }
                if (length <= buffer.Length)
                {
                    prompt = Encoding.UTF8.GetString(buffer, 0, length);
                    return true;
                }
                capacity = length;
            }
        }
        finally
        {
            foreach (var handle in strings)
            {
                handle.Free();
            }
        }
    }

    private static unsafe byte* Pin(byte[] bytes, List<GCHandle> pins)
    {
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        pins.Add(handle);
        return (byte*)handle.AddrOfPinnedObject();
    }

    private static byte[] NulTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
