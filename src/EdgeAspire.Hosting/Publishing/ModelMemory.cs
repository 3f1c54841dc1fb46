using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// What a worker's container needs: the GGUF estimate (weights + KV cache + compute, as the PromptApi's memory
/// budget computes it) for its context size, plus headroom for the .NET runtime, ASP.NET Core and llama.cpp's own
/// allocations, which the estimate does not see.
/// </summary>
internal static class ModelMemory
{
    public const int ContextSize = 4096;

    /// <summary>Sequences a worker pod runs when the composition does not say (llama-server's <c>-np</c> default, and
    /// what a Pi 5's four cores keep busy); fewer when that many KV caches would not fit the node.</summary>
    public const int PodSequences = 4;

    /// <summary>A PromptApi worker serving a tiny model was ~135 MB resident here (ps); more than twice that is kept.</summary>
    public const long RuntimeHeadroomBytes = 320L << 20;

    public const double EstimateHeadroom = 0.15;

    /// <summary>Q4_K_M averages ~4.9 bits per weight on 7B models; small models spend more on embedding and output
    /// tables kept at 6–8 bits, so they are counted at 6.5 (the 0.5B file is ~400 MB).</summary>
    private static double BitsPerWeight(double parameters) => parameters <= 1.0e9 ? 6.5 : 5.0;

    /// <param name="sequences">Parallel sequences, each with its own KV cache of <see cref="ContextSize"/> tokens.</param>
    public static (long EstimateBytes, long LimitBytes, string Source) For(ModelSpec model, int sequences)
    {
        var estimate = model.FilePath is { } path ? FromFile(path, sequences) : FromCatalog(model.Id, sequences);
        var limit = (long)(estimate * (1 + EstimateHeadroom)) + RuntimeHeadroomBytes;
        return (estimate, limit, model.FilePath is null ? "catalog shape" : "GGUF file");
    }

    /// <summary>The model file's size: its own, or the catalog's parameter count at its quantisation's bits.</summary>
    public static long FileBytes(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FilePath is { } path)
        {
            return new FileInfo(path).Length;
        }
        return CatalogModelShapes.TryGet(model.Id, out _, out var parameters)
            ? (long)(parameters * BitsPerWeight(parameters) / 8)
            : throw new AppHostUsageException($"model '{model.Id}' is not in the built-in catalog, so its size is unknown: publish with --model-file path.gguf");
    }

    private static long FromFile(string path, int sequences)
    {
        try
        {
            var file = GgufReader.Read(path);
            var context = Math.Min(ContextSize, file.ModelInfo.ContextLength ?? ContextSize);
            return file.EstimateMemory(context, sequences: sequences).TotalBytes;
        }
        catch (Exception e) when (e is GgufFormatException or IOException or InvalidOperationException)
        {
            throw new AppHostUsageException($"{path}: cannot estimate its memory: {e.Message}");
        }
    }

    private static long FromCatalog(string id, int sequences)
    {
        if (!CatalogModelShapes.TryGet(id, out var shape, out var parameters))
        {
            throw new AppHostUsageException($"model '{id}' is not in the built-in catalog, so its memory cannot be estimated: publish with --model-file path.gguf");
        }
        var info = new GgufModelInfo(null, id, (long)parameters, shape.ContextLength, shape.EmbeddingLength, shape.BlockCount, shape.HeadCount,
            shape.HeadCountKv, null, null, shape.FeedForwardLength, shape.VocabSize, null, null, "Q4_K_M",
            (long)(parameters * BitsPerWeight(parameters) / 8), null, null, null, IsSynthetic: false);
        return GgufMemoryEstimator.Estimate(info, Math.Min(ContextSize, shape.ContextLength), GgmlType.F16, 512, sequences).TotalBytes;
    }
}
