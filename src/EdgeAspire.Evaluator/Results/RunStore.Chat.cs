using System.Globalization;
using EdgeAspire.Evaluator.Backends;
using EdgeAspire.Evaluator.Measurement;

namespace EdgeAspire.Evaluator.Results;

public sealed partial class RunStore
{
    /// <summary>The row and its resource samples, in one transaction.</summary>
    public void Add(ChatRow row)
    {
        var m = row.Measurement;
        using var transaction = Connection.BeginTransaction();
        using (var command = Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO chat (model, thread_id, turn, conversation, prompt_tokens, cached_tokens, completion_tokens, ttft_ms, latency_ms,
                    prompt_ms, decode_ms, prefill_tps, decode_tps, timings_source, cpu_percent, peak_rss_bytes, samples, finish_reason, reply, fingerprint, started_utc, error, worker)
                VALUES ($model, $thread, $turn, $conv, $pt, $ct, $gt, $ttft, $lat, $pms, $dms, $ptps, $dtps, $src, $cpu, $rss, $n, $finish, $reply, $fp, $started, $error, $worker)
                """;
            command.Parameters.AddWithValue("$model", row.Model);
            command.Parameters.AddWithValue("$thread", row.ThreadId);
            command.Parameters.AddWithValue("$turn", row.Turn);
            command.Parameters.AddWithValue("$conv", row.Conversation);
            command.Parameters.AddWithValue("$pt", m.PromptTokens);
            command.Parameters.AddWithValue("$ct", m.CachedTokens);
            command.Parameters.AddWithValue("$gt", m.CompletionTokens);
            command.Parameters.AddWithValue("$ttft", m.TtftMs);
            command.Parameters.AddWithValue("$lat", m.LatencyMs);
            command.Parameters.AddWithValue("$pms", Nullable(m.PromptMs));
            command.Parameters.AddWithValue("$dms", Nullable(m.DecodeMs));
            command.Parameters.AddWithValue("$ptps", Nullable(m.PrefillTokensPerSecond));
            command.Parameters.AddWithValue("$dtps", Nullable(m.DecodeTokensPerSecond));
            command.Parameters.AddWithValue("$src", m.TimingsSource);
            command.Parameters.AddWithValue("$cpu", Nullable(m.Resources.CpuPercent));
            command.Parameters.AddWithValue("$rss", m.Resources.PeakRssBytes is { } rss ? rss : DBNull.Value);
            command.Parameters.AddWithValue("$n", m.Resources.Samples);
            command.Parameters.AddWithValue("$finish", (object?)m.FinishReason ?? DBNull.Value);
            command.Parameters.AddWithValue("$reply", m.Text);
            command.Parameters.AddWithValue("$fp", (object?)m.Fingerprint ?? DBNull.Value);
            command.Parameters.AddWithValue("$started", row.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$error", (object?)row.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$worker", (object?)m.Worker ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
        foreach (var sample in m.Samples)
        {
            using var command = Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO chat_samples (model, thread_id, turn, at_ms, cpu_seconds, rss_bytes) VALUES ($m, $t, $u, $a, $c, $r)";
            command.Parameters.AddWithValue("$m", row.Model);
            command.Parameters.AddWithValue("$t", row.ThreadId);
            command.Parameters.AddWithValue("$u", row.Turn);
            command.Parameters.AddWithValue("$a", sample.AtMs);
            command.Parameters.AddWithValue("$c", sample.CpuSeconds);
            command.Parameters.AddWithValue("$r", sample.RssBytes);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyList<ChatRow> ChatRows(string? model = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = """
            SELECT model, thread_id, turn, conversation, prompt_tokens, cached_tokens, completion_tokens, ttft_ms, latency_ms, prompt_ms, decode_ms,
                prefill_tps, decode_tps, timings_source, cpu_percent, peak_rss_bytes, samples, finish_reason, reply, fingerprint, started_utc, error, worker FROM chat
            """ + (model is null ? "" : " WHERE model = $model") + " ORDER BY model, conversation, turn";
        if (model is not null)
        {
            command.Parameters.AddWithValue("$model", model);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<ChatRow>();
        double? D(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        while (reader.Read())
        {
            var m = new ChatMeasurement
            {
                PromptTokens = reader.GetInt32(4),
                CachedTokens = reader.GetInt32(5),
                CompletionTokens = reader.GetInt32(6),
                TtftMs = reader.GetDouble(7),
                LatencyMs = reader.GetDouble(8),
                PromptMs = D(9),
                DecodeMs = D(10),
                PrefillTokensPerSecond = D(11),
                DecodeTokensPerSecond = D(12),
                TimingsSource = reader.GetString(13),
                Resources = new ResourceSummary(D(14), reader.IsDBNull(15) ? null : reader.GetInt64(15), reader.GetInt32(16)),
                FinishReason = reader.IsDBNull(17) ? null : reader.GetString(17),
                Text = reader.GetString(18),
                Fingerprint = reader.IsDBNull(19) ? null : reader.GetString(19),
                Worker = reader.IsDBNull(22) ? null : reader.GetString(22),
            };
            rows.Add(new ChatRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), m,
                DateTime.Parse(reader.GetString(20), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), reader.IsDBNull(21) ? null : reader.GetString(21)));
        }
        return rows;
    }

    private static object Nullable(double? value) => value is { } v && double.IsFinite(v) ? v : DBNull.Value;
}
