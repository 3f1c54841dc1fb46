using System.Globalization;
using CsvHelper;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>The raw rows as CSV, one file per table that has rows.</summary>
public static class CsvExport
{
    /// <summary>A refused turn has status <c>refused</c>, its reason in <c>Error</c>, and no figures (empty, not zeros).</summary>
    private sealed record ChatCsv(string Model, string ThreadId, int Turn, int Conversation, string Status, string? Error, int? PromptTokens, int? CachedTokens, int? CompletionTokens,
        double? TtftMs, double? LatencyMs, double? PromptMs, double? DecodeMs, double? PrefillTps, double? DecodeTps, string? TimingsSource,
        string? Worker, double? CpuPercent, long? PeakRssBytes, int Samples, string? FinishReason, string StartedUtc)
    {
        public static ChatCsv Of(ChatRow row)
        {
            var m = row.Measurement;
            var started = row.StartedUtc.ToString("O", CultureInfo.InvariantCulture);
            return row.Error is not null
                ? new ChatCsv(row.Model, row.ThreadId, row.Turn, row.Conversation, "refused", row.Error, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, null, started)
                : new ChatCsv(row.Model, row.ThreadId, row.Turn, row.Conversation, "ok", null, m.PromptTokens, m.CachedTokens, m.CompletionTokens, m.TtftMs, m.LatencyMs,
                    m.PromptMs, m.DecodeMs, m.PrefillTokensPerSecond, m.DecodeTokensPerSecond, m.TimingsSource, m.Worker, m.Resources.CpuPercent, m.Resources.PeakRssBytes,
                    m.Resources.Samples, m.FinishReason, started);
        }
    }

    public static IReadOnlyList<string> Write(RunStore store, string directory)
    {
        var written = new List<string>();
        Write(directory, "winogrande.csv", store.WinograndeRows(), written);
        Write(directory, "chat.csv", store.ChatRows().Select(ChatCsv.Of).ToList(), written);
        Write(directory, "load.csv", store.LoadRows(), written);
        return written;
    }

    private static void Write<T>(string directory, string name, IReadOnlyCollection<T> rows, List<string> written)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var path = Path.Combine(directory, name);
        var properties = typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToArray();
        using (var writer = new StreamWriter(path))
        using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, false))
        {
            foreach (var property in properties)
            {
                csv.WriteField(property.Name);
            }
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var property in properties)
                {
                    csv.WriteField(Convert.ToString(property.GetValue(row), CultureInfo.InvariantCulture) ?? "");
                }
                csv.EndRecord();
            }
        }
        written.Add(path);
    }
}
