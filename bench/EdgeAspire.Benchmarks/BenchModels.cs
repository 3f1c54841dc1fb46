using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks;

/// <summary>Synthetic models shaped like real ones: speed depends on shape and quantisation, not on weight values.
/// Written once into the temp folder and reused by later runs.</summary>
internal static class BenchModels
{
    public static string Path(GgufModelShape shape, GgmlType type)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgeaspire-bench")).FullName;
        var path = System.IO.Path.Combine(directory, $"{shape.Name}-{type}.gguf");
        if (!File.Exists(path))
        {
            GgufWriter.Write(path, shape, type, seed: 1);
        }
        return path;
    }

    public static int[] RandomTokens(Random random, int count, int vocabSize)
    {
        // No BOS: a shared first token would let the engine reuse one cached token.
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = random.Next(3, vocabSize);
        }
        return tokens;
    }
}
