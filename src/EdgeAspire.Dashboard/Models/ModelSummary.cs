namespace EdgeAspire.Dashboard.Models;

/// <summary>One model on the Models page. Series are <c>[time in ms since the epoch, value]</c> pairs.</summary>
/// <param name="Loaded">Whether a worker reported it in memory at its latest metric export; null without metrics.</param>
/// <param name="MemoryBytes">The engine's estimate when it was last loaded (the <c>model.load</c> span).</param>
/// <param name="ServiceMemoryBytes">All models loaded by the workers serving it (<c>edgeaspire.models.memory</c>).</param>
/// <param name="DecodeTokensPerSecond">Per request, from its span (<c>edgeaspire.decode.tokens_per_second</c>).</param>
/// <param name="Throughput">Generated tokens per second of all its workers, per metric export interval.</param>
/// <param name="TimeToFirstTokenMs">Per request, from its span (<c>edgeaspire.time_to_first_token_ms</c>).</param>
internal sealed record ModelSummary(
    string Id,
    IReadOnlyList<string> Services,
    bool? Loaded,
    long? MemoryBytes,
    long? ServiceMemoryBytes,
    int Requests,
    int Errors,
    long OutputTokens,
    double? LastRequestMs,
    IReadOnlyList<double[]> DecodeTokensPerSecond,
    IReadOnlyList<double[]> Throughput,
    IReadOnlyList<double[]> TimeToFirstTokenMs);
