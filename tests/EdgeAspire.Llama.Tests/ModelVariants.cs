using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests;

/// <summary>
/// Copies of the synthetic model with its metadata changed and its tensor data copied byte for byte: the files
/// parse, so only the checks of what llama.cpp asserts on stand between them and a native abort.
/// </summary>
public static class ModelVariants
{
    /// <summary>Writes the variant into the test process's temporary folder and returns its path.</summary>
    /// <param name="tensors">Changes the tensor infos (a name, a shape); their offsets must still describe the
    /// copied data.</param>
    public static string Write(string fileName, Action<List<KeyValuePair<string, GgufValue>>> change,
        Func<IReadOnlyList<GgufTensorInfo>, IReadOnlyList<GgufTensorInfo>>? tensors = null)
    {
        var source = Fixtures.SyntheticModel();
        var file = GgufReader.Read(source);
        var metadata = file.Metadata.Entries.ToList();
        change(metadata);
        var kept = tensors?.Invoke(file.Tensors) ?? file.Tensors;
        var alignment = metadata.Find(entry => entry.Key == GgufKeys.Alignment).Value?.Value is uint value ? value : GgufFile.DefaultAlignment;
        var path = Fixtures.TemporaryPath(fileName);
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var input = File.OpenRead(source))
        {
            GgufHeaderWriter.Write(output, metadata, kept, alignment: alignment);
            input.Position = file.DataOffset;
            input.CopyTo(output);
        }
        return path;
    }

    /// <summary>Replaces the value of <paramref name="key"/> in place, or adds it at the end.</summary>
    public static void Set(this List<KeyValuePair<string, GgufValue>> metadata, string key, GgufValueType type, object value)
    {
        var entry = new KeyValuePair<string, GgufValue>(key, new GgufValue(type, value));
        var index = metadata.FindIndex(e => e.Key == key);
        if (index < 0)
        {
            metadata.Add(entry);
        }
        else
        {
            metadata[index] = entry;
        }
    }

    public static void Remove(this List<KeyValuePair<string, GgufValue>> metadata, string key) =>
        metadata.RemoveAll(entry => entry.Key == key);

    /// <summary>Replaces the vocabulary's token texts with what <paramref name="change"/> makes of a copy.</summary>
    public static void ChangeTokens(this List<KeyValuePair<string, GgufValue>> metadata, Action<string[]> change)
    {
        var tokens = (string[])((GgufArray)metadata.Find(entry => entry.Key == GgufKeys.Tokens).Value.Value).Items.Clone();
        change(tokens);
        metadata.Set(GgufKeys.Tokens, GgufValueType.Arr, new GgufArray(GgufValueType.Str, tokens));
    }
}
