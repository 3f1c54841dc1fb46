namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Streams tensor data: chunks of a tensor are generated and encoded in parallel into a small set of reusable
/// buffers, then written in order, so a multi-GB model never sits in memory and both cores are busy.
/// </summary>
internal static class SyntheticTensorWriter
{
    // A multiple of every block size we write (32), large enough to amortise the parallel loop.
    private const int ChunkElements = 1 << 18;

    public static void WriteAll(Stream output, IReadOnlyList<GgufTensorInfo> tensors, int seed)
    {
        var slots = Math.Max(2, Environment.ProcessorCount * 2);
        var values = new float[slots][];
        var encoded = new byte[slots][];
        for (var slot = 0; slot < slots; slot++)
        {
            values[slot] = new float[ChunkElements];
            encoded[slot] = new byte[ChunkElements * sizeof(float)];
        }
        var lengths = new int[slots];

        for (var index = 0; index < tensors.Count; index++)
        {
            var tensor = tensors[index];
            var elements = tensor.ElementCount;
            var chunkCount = (elements + ChunkElements - 1) / ChunkElements;
            for (long first = 0; first < chunkCount; first += slots)
            {
                var batch = (int)Math.Min(slots, chunkCount - first);
                var tensorIndex = index;
                Parallel.For(0, batch, slot =>
                {
                    var chunk = first + slot;
                    var count = (int)Math.Min(ChunkElements, elements - (chunk * ChunkElements));
                    var span = values[slot].AsSpan(0, count);
                    if (tensor.Shape.Count == 1)
                    {
                        // RMS-norm weights multiply the normalised activations: 1.0 leaves them as they are.
                        span.Fill(1f);
                    }
                    else
                    {
                        SyntheticWeights.Fill(span, seed, tensorIndex, chunk);
                    }
                    lengths[slot] = GgmlQuantizer.Encode(tensor.Type, span, encoded[slot]);
                });
                for (var slot = 0; slot < batch; slot++)
                {
                    output.Write(encoded[slot], 0, lengths[slot]);
                }
            }
            // No padding after the last tensor: llama.cpp checks each tensor against the file size, unpadded,
            // and a file that ends with its data lets readers check that nothing is missing or extra.
            if (index < tensors.Count - 1)
            {
                GgufHeaderWriter.WritePadding(output, GgufFile.DefaultAlignment);
            }
        }
    }
}
