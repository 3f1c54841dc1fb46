using System.Collections.Concurrent;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>Outcomes by request kind, answer ids seen (for duplicates) and the first error messages, shared by
/// every client.</summary>
public sealed class SoakTally
{
    private const int KeptErrors = 20;

    private readonly ConcurrentDictionary<(SoakRequestKind, SoakOutcome), long> _counts = new();
    private readonly ConcurrentDictionary<string, byte> _answerIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();

    public static readonly SoakOutcome[] Problems =
        [SoakOutcome.InvalidAccepted, SoakOutcome.Rejected, SoakOutcome.ServerError, SoakOutcome.Incomplete, SoakOutcome.Lost, SoakOutcome.Transport, SoakOutcome.Duplicate];

    public void Record(SoakRequestKind kind, SoakOutcome outcome, string? error = null)
    {
        _counts.AddOrUpdate((kind, outcome), 1, (_, n) => n + 1);
        if (error is not null && _errors.Count < KeptErrors)
        {
            _errors.Enqueue($"{kind} {outcome}: {error}");
        }
    }

    /// <summary>Records an answer's id; false when an earlier answer had the same one.</summary>
    public bool IsNewAnswer(string? id) => id is null || _answerIds.TryAdd(id, 0);

    public long Count(SoakRequestKind kind, SoakOutcome outcome) => _counts.GetValueOrDefault((kind, outcome));

    public long Count(SoakOutcome outcome) => Enum.GetValues<SoakRequestKind>().Sum(k => Count(k, outcome));

    public long Requests(SoakRequestKind kind) => Enum.GetValues<SoakOutcome>().Where(o => o != SoakOutcome.Duplicate).Sum(o => Count(kind, o));

    public long Requests() => Enum.GetValues<SoakRequestKind>().Sum(Requests);

    public long ProblemCount => Problems.Sum(Count);

    public IReadOnlyList<string> Errors => [.. _errors];
}
