namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>One mutated file: which seed it came from, what was done to it, and its bytes.</summary>
internal sealed record GgufVariant(int Index, string Seed, IReadOnlyList<string> Mutations, byte[] Bytes)
{
    public string Description => $"#{Index} of {Seed}: {string.Join("; ", Mutations)}";
}
