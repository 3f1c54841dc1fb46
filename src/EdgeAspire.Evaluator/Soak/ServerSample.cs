namespace EdgeAspire.Evaluator.Soak;

/// <summary>The server at one moment of a soak. Figures a server does not expose are null.</summary>
/// <param name="GcHeapBytes">.NET servers: the managed heap after the last collection.</param>
/// <param name="NativeObjects">EdgeAspire servers: llama.cpp objects alive, by kind.</param>
public sealed record ServerSample(
    TimeSpan At,
    long? RssBytes,
    double? CpuSeconds,
    int? Threads,
    int? OpenFiles,
    long? GcHeapBytes,
    IReadOnlyDictionary<string, long> NativeObjects);
