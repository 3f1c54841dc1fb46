namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Hard limits of <see cref="GgufReader"/>. They sit far above anything a real model file uses (the largest
/// vocabularies have ~256k tokens, chat templates are tens of KiB) and far below what would let a hostile
/// file make us allocate gigabytes or loop for minutes. Counts are also bounded by the bytes left in the file,
/// so every element costs at least one byte of input.
/// </summary>
internal static class GgufLimits
{
    public const int MaxKeyLength = 4 * 1024;
    public const int MaxStringLength = 1024 * 1024;
    public const long MaxArrayCount = 1L << 24;
    public const int MaxArrayDepth = 4;
    public const long MaxKeyValueCount = 1L << 20;
    public const long MaxTensorCount = 1L << 20;
    public const int MaxDimensions = 4;

    // GGML_MAX_NAME is 64 including the terminating NUL.
    public const int MaxTensorNameLength = 63;

    // Smallest possible encodings, used to bound counts by the remaining bytes:
    // a KV pair is key length (8) + one key byte + type (4) + a one-byte value;
    // a tensor info is name length (8) + dims count (4) + type (4) + offset (8);
    // a nested array header is element type (4) + count (8); a string is its length (8).
    public const int MinKeyValueBytes = 8 + 1 + 4 + 1;
    public const int MinTensorInfoBytes = 8 + 4 + 4 + 8;
    public const int MinArrayHeaderBytes = 4 + 8;
    public const int MinStringBytes = 8;

    public const string MaxStringLengthText = "1 MiB";
}
