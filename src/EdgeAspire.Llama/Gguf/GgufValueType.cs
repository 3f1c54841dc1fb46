namespace EdgeAspire.Llama.Gguf;

/// <summary>Metadata value types, with the ids of <c>enum gguf_type</c> in gguf.h, named as gguf.cpp prints them.</summary>
public enum GgufValueType
{
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    Str = 8,
    Arr = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
}
