using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>What one listened-to instrument has measured, and how its samples are written.</summary>
internal abstract class InstrumentAggregator(string familyName, MetricKind kind, string? help)
{
    /// <summary>The Prometheus metric family (histogram samples add <c>_bucket</c>, <c>_sum</c>, <c>_count</c>).</summary>
    public string FamilyName { get; } = familyName;

    public MetricKind Kind { get; } = kind;

    public string? Help { get; } = help;

    /// <summary>Called by the meter listener on the recording thread: must be thread-safe.</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void WriteSamples(StringBuilder output);

    protected static void WriteSample(StringBuilder output, string name, string labels, double value)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{').Append(labels).Append('}');
        }

        output.Append(' ').Append(PrometheusNames.FormatValue(value)).Append('\n');
    }

    protected static void AddAtomically(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
