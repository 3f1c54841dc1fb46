using EdgeAspire.Evaluator.Results;
using EdgeAspire.Evaluator.Scoring;

namespace EdgeAspire.Evaluator.Workloads;

public sealed record WinograndeSummary(string Model, int Correct, int N, double Accuracy, double Low, double High)
{
    public static WinograndeSummary Of(string model, IReadOnlyCollection<WinograndeRow> rows)
    {
        var correct = rows.Count(r => r.Correct);
        var (low, high) = Wilson.Interval(correct, rows.Count);
        return new WinograndeSummary(model, correct, rows.Count, rows.Count == 0 ? 0 : (double)correct / rows.Count, low, high);
    }
}
