namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// One metadata value. <see cref="Value"/> is the matching CLR type (byte, sbyte, ushort, short, uint, int,
/// float, bool, string, ulong, long, double) or a <see cref="GgufArray"/> when <see cref="Type"/> is Array.
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value);
