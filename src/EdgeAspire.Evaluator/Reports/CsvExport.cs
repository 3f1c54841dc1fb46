using System.Globalization;
using CsvHelper;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>The raw rows as CSV, one file per table that has rows.</summary>
public static class CsvExport
{
    private sealed record ChatCsv(string Model, string ThreadId, int Turn, int Conversation, int PromptTokens, int CachedTokens, int CompletionTokens,
        double TtftMs, double LatencyMs, double? PromptMs, double? DecodeMs, double? PrefillTps, double? DecodeTps, string TimingsSource,
        double? CpuPercent, long? PeakRssBytes, int Samples, string? FinishReason, string StartedUtc);

    public static IReadOnlyList<string> Write(RunStore store, string directory)
    {
        var written = new List<string>();
        Write(directory, "winogrande.csv", store.WinograndeRows(), written);
        Write(directory, "chat.csv", store.ChatRows().Select(r => new ChatCsv(r.Model, r.ThreadId, r.Turn, r.Conversation, r.Measurement.PromptTokens, r.Measurement.CachedTokens,
            r.Measurement.CompletionTokens, r.Measurement.TtftMs, r.Measurement.LatencyMs, r.Measurement.PromptMs, r.Measurement.DecodeMs, r.Measurement.PrefillTokensPerSecond,
            r.Measurement.DecodeTokensPerSecond, r.Measurement.TimingsSource, r.Measurement.Resources.CpuPercent, r.Measurement.Resources.PeakRssBytes, r.Measurement.Resources.Samples,
            r.Measurement.FinishReason, r.StartedUtc.ToString("O", CultureInfo.InvariantCulture))).ToList(), written);
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
