namespace EdgeAspire.Llama.Gguf;

/// <summary>Derives <see cref="GgufModelInfo"/> from metadata; tolerant of absent or oddly typed keys (they become null).</summary>
internal static class GgufModelInfoReader
{
    public static GgufModelInfo Read(GgufMetadata metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        metadata.TryGetString(GgufKeys.Architecture, out var architecture);
        int? Arch(Func<string, string> key) => architecture is null ? null : Int(metadata, key(architecture));

        var headCount = Arch(GgufKeys.HeadCount);
        var fileType = Int(metadata, GgufKeys.FileType) is { } raw && Enum.IsDefined((GgufFileType)raw) ? (GgufFileType?)raw : null;
        return new GgufModelInfo(
            architecture,
            metadata.TryGetString(GgufKeys.Name, out var name) ? name : null,
            tensors.Sum(tensor => tensor.ElementCount),
            Arch(GgufKeys.ContextLength),
            Arch(GgufKeys.EmbeddingLength),
            Arch(GgufKeys.BlockCount),
            headCount,
            // llama.cpp defaults head_count_kv to head_count (no GQA) when the key is absent.
            Arch(GgufKeys.HeadCountKv) ?? headCount,
            Arch(GgufKeys.KeyLength),
            Arch(GgufKeys.ValueLength),
            Arch(GgufKeys.FeedForwardLength),
            Arch(GgufKeys.VocabSize) ?? (metadata.TryGetArray(GgufKeys.Tokens, out var tokens) ? tokens.Count : null),
            metadata.TryGetString(GgufKeys.TokenizerModel, out var tokenizer) ? tokenizer : null,
            fileType,
            fileType is { } known ? Name(known) : DominantType(tensors),
            tensors.Sum(tensor => tensor.ByteSize),
            metadata.TryGetString(GgufKeys.ChatTemplate, out var template) ? template : null,
            Int(metadata, GgufKeys.BosTokenId),
            Int(metadata, GgufKeys.EosTokenId),
            metadata.TryGetBool(GgufKeys.Synthetic, out var synthetic) && synthetic);
    }

    // ALL_F32 is the one file type whose llama.cpp name is not the enum name.
    private static string Name(GgufFileType fileType) => fileType == GgufFileType.F32 ? "F32" : fileType.ToString();

    private static string? DominantType(IReadOnlyList<GgufTensorInfo> tensors) => tensors
        .GroupBy(tensor => tensor.Type)
        .OrderByDescending(group => group.Sum(tensor => tensor.ByteSize))
        .Select(group => group.Key.ToString())
        .FirstOrDefault();

    private static int? Int(GgufMetadata metadata, string key) => metadata.TryGetInt32(key, out var value) ? value : null;
}
