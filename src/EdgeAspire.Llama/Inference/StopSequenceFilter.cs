using System.Text;

namespace EdgeAspire.Llama.Inference;

/// <summary>Cuts generated text at the first stop sequence. Text that could be the start of one is held back
/// until the next piece decides, so a stop sequence split across tokens is still caught and never emitted.</summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    public bool Stopped { get; private set; }

    /// <returns>The text that is safe to emit now.</returns>
    public string Push(string text)
    {
        if (stops.Count == 0 || Stopped)
        {
            return Stopped ? "" : text;
        }
        _pending.Append(text);
        var pending = _pending.ToString();

        var cut = -1;
        foreach (var stop in stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }
        if (cut >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return pending[..cut];
        }

        var hold = 0;
        foreach (var stop in stops)
        {
            hold = Math.Max(hold, LongestSuffixThatStarts(pending, stop));
        }
        _pending.Remove(0, pending.Length - hold);
        return pending[..^hold];
    }

    /// <returns>Held-back text when generation ends for another reason.</returns>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private static int LongestSuffixThatStarts(string text, string stop)
    {
        for (var length = Math.Min(stop.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
            {
                return length;
            }
        }
        return 0;
    }
}
