namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Writes llama-architecture GGUF v3 files with deterministic random weights, in any shape, so speed and memory
/// can be measured without downloading a model (DESIGN.md §10). The output is streamed: memory use stays at a
/// few MiB of chunk buffers whatever the model size. Files are marked synthetic (<see cref="GgufKeys.Synthetic"/>).
/// </summary>
public static class GgufWriter
{
    /// <summary>ChatML, which llama.cpp's built-in template detection recognises by its <c>&lt;|im_start|&gt;</c> marker.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    public const float RmsNormEpsilon = 1e-5f;
    public const float RopeFreqBase = 10000f;

    public static IReadOnlyList<GgmlType> SupportedTypes { get; } = [GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0];

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically (a temporary file in the same folder, renamed when
    /// complete). Throws <see cref="ArgumentException"/> for an unsupported type or a shape the type cannot hold.
    /// </summary>
    public static GgufModelLayout Write(string path, GgufModelShape shape, GgmlType type, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (!SupportedTypes.Contains(type))
        {
            throw new ArgumentException($"cannot write {type} weights; supported: {string.Join(", ", SupportedTypes)}", nameof(type));
        }
        var layout = GgufModelLayout.Create(shape, type);
        var fullPath = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                GgufHeaderWriter.Write(stream, SyntheticMetadata.Create(shape, type, seed), layout.Tensors);
                SyntheticTensorWriter.WriteAll(stream, layout.Tensors, seed);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
            return layout;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
