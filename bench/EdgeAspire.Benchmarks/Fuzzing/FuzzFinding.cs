namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>A variant that did not end in a 200 or an OpenAI-shaped 4xx.</summary>
internal sealed record FuzzFinding(int Index, string Seed, string Class, string? Detail, IReadOnlyList<string> Mutations);
