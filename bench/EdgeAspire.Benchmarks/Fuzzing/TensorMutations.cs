using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>Changes to the tensor infos: shapes, dimension counts, element types, data offsets, names, and tensors
/// missing or repeated.</summary>
internal static class TensorMutations
{
    public static IReadOnlyList<(string Name, Func<Random, GgufDraft, string?> Apply)> All { get; } =
    [
        ("tensor-shape", Shape),
        ("tensor-dimensions", Dimensions),
        ("tensor-type", ElementType),
        ("tensor-offset", Offset),
        ("tensor-name", Name),
        ("tensor-list", List),
    ];

    private static string? Shape(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        if (tensor.Shape.Count == 0)
        {
            return null;
        }
        var shape = tensor.Shape.ToArray();
        var axis = random.Next(shape.Length);
        long[] choices = [0, 1, shape[axis] - 1, shape[axis] + 1, shape[axis] * 2, shape[axis] / 2, 32, 1L << 40, -1];
        shape[axis] = choices[random.Next(choices.Length)];
        // Sometimes the neighbour shrinks to match, so the byte size stays the same and the reader passes it.
        if (shape.Length > 1 && random.Next(2) == 0 && shape[axis] > 0 && tensor.ElementCount % shape[axis] == 0)
        {
            var other = axis == 0 ? 1 : 0;
            shape[other] = tensor.ElementCount / shape[axis] / shape.Where((_, i) => i != axis && i != other).Aggregate(1L, (a, b) => a * b);
        }
        draft.Tensors[index] = tensor with { Shape = shape };
        return $"{tensor.Name} shape [{string.Join(", ", shape)}]";
    }

    private static string? Dimensions(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        long[] shape = random.Next(3) switch
        {
            0 => [],
            1 => [.. tensor.Shape, 1],
            _ => [.. tensor.Shape, 1, 1, 1, 1],
        };
        draft.Tensors[index] = tensor with { Shape = shape };
        return $"{tensor.Name} has {shape.Length} dimensions";
    }

    private static string? ElementType(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        var known = Enum.GetValues<GgmlType>();
        var type = random.Next(4) == 0 ? (GgmlType)random.Next(-1, 60) : known[random.Next(known.Length)];
        draft.Tensors[index] = tensor with { Type = type };
        return $"{tensor.Name} type {type}";
    }

    private static string? Offset(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        var other = draft.Tensors[random.Next(draft.Tensors.Count)];
        long[] choices = [0, 1, tensor.Offset + 1, tensor.Offset - 32, tensor.Offset + 32, other.Offset, draft.Seed.Data.Length,
            draft.Seed.Data.Length - 32, long.MaxValue, -32];
        var offset = choices[random.Next(choices.Length)];
        draft.Tensors[index] = tensor with { Offset = offset };
        return $"{tensor.Name} offset {offset}";
    }

    private static string? Name(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        var other = draft.Tensors[random.Next(draft.Tensors.Count)];
        string[] names = [other.Name, "", "blk.99.attn_q.weight", "blk.-1.attn_q.weight", "blk.0.unknown.weight", "output.weight",
            "token_embd.weight", new string('t', 70), "blk.0.attn_q.weight\0x", tensor.Name.ToUpperInvariant()];
        var name = names[random.Next(names.Length)];
        draft.Tensors[index] = tensor with { Name = name };
        return $"{tensor.Name} renamed \"{(name.Length > 24 ? name[..24] + "…" : name)}\"";
    }

    private static string? List(Random random, GgufDraft draft)
    {
        var (index, tensor) = Pick(random, draft);
        switch (random.Next(3))
        {
            case 0:
                draft.Tensors.RemoveAt(index);
                return $"{tensor.Name} removed";
            case 1:
                draft.Tensors.Add(tensor with { Name = tensor.Name + ".copy" });
                return $"{tensor.Name} described twice";
            default:
                draft.Tensors.Clear();
                return "every tensor removed";
        }
    }

    private static (int Index, GgufTensorInfo Tensor) Pick(Random random, GgufDraft draft)
    {
        var index = random.Next(draft.Tensors.Count);
        return (index, draft.Tensors[index]);
    }
}
