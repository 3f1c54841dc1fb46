namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>
/// Makes variant N of a run from its seed number alone, so any variant can be made again (<c>--only N</c>): one to
/// three mutations, mostly of the parsed header (so that most variants get past the reader and test what lies
/// behind it), some of the written bytes.
/// </summary>
internal static class GgufMutator
{
    public static GgufVariant Create(IReadOnlyList<GgufSeed> seeds, int runSeed, int index)
    {
        var random = new Random(unchecked((runSeed * 1_000_003) + index));
        var seed = seeds[index % seeds.Count];
        var draft = new GgufDraft(seed);
        var mutations = new List<string>();
        var byteMutations = new List<(string Name, Func<Random, byte[], int, (byte[] Bytes, string Detail)> Apply)>();
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var attempts = 0; mutations.Count + byteMutations.Count < count && attempts < 20; attempts++)
        {
            var family = random.Next(100);
            if (family < 15)
            {
                byteMutations.Add(ByteMutations.All[random.Next(ByteMutations.All.Count)]);
                continue;
            }
            var (name, apply) = family switch
            {
                < 55 => MetadataMutations.All[random.Next(MetadataMutations.All.Count)],
                < 80 => VocabularyMutations.All[random.Next(VocabularyMutations.All.Count)],
                _ => TensorMutations.All[random.Next(TensorMutations.All.Count)],
            };
            if (draft.Tensors.Count > 0 && draft.Metadata.Count > 0 && apply(random, draft) is { } detail)
            {
                mutations.Add($"{name}: {detail}");
            }
        }
        var (bytes, headerLength) = draft.Write();
        // Truncation last: the other byte mutations write into the header, which must still be there.
        foreach (var (name, mutate) in byteMutations.OrderBy(m => m.Name == "truncate"))
        {
            (bytes, var detail) = mutate(random, bytes, headerLength);
            mutations.Add($"{name}: {detail}");
        }
        return new GgufVariant(index, seed.Name, mutations, bytes);
    }
}
