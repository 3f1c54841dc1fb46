using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct llama_chat_message</c>: two NUL-terminated UTF-8 strings.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaChatMessage
{
    public byte* role;
    public byte* content;
}
