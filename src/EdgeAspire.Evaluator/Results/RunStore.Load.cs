namespace EdgeAspire.Evaluator.Results;

public sealed partial class RunStore
{
    public void Add(LoadRow row)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO load (model, phase, seq, mode, level, start_ms, latency_ms, ttft_ms, completion_tokens, status, error)
            VALUES ($model, $phase, $seq, $mode, $level, $start, $lat, $ttft, $tokens, $status, $error)
            """;
        command.Parameters.AddWithValue("$model", row.Model);
        command.Parameters.AddWithValue("$phase", row.Phase);
        command.Parameters.AddWithValue("$seq", row.Seq);
        command.Parameters.AddWithValue("$mode", row.Mode);
        command.Parameters.AddWithValue("$level", row.Level);
        command.Parameters.AddWithValue("$start", row.StartMs);
        command.Parameters.AddWithValue("$lat", row.LatencyMs);
        command.Parameters.AddWithValue("$ttft", row.TtftMs is { } t ? t : DBNull.Value);
        command.Parameters.AddWithValue("$tokens", row.CompletionTokens);
        command.Parameters.AddWithValue("$status", row.Status);
        command.Parameters.AddWithValue("$error", (object?)row.Error ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Marks a phase complete; a resumed run skips complete phases and repeats an interrupted one.</summary>
    public void CompletePhase(string model, string phase, string mode, double level, double durationMs)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO load_phase (model, phase, mode, level, duration_ms) VALUES ($m, $p, $mode, $l, $d)";
        command.Parameters.AddWithValue("$m", model);
        command.Parameters.AddWithValue("$p", phase);
        command.Parameters.AddWithValue("$mode", mode);
        command.Parameters.AddWithValue("$l", level);
        command.Parameters.AddWithValue("$d", durationMs);
        command.ExecuteNonQuery();
    }

    public IReadOnlyDictionary<(string Model, string Phase), double> CompletedPhases()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT model, phase, duration_ms FROM load_phase";
        using var reader = command.ExecuteReader();
        var phases = new Dictionary<(string, string), double>();
        while (reader.Read())
        {
            phases[(reader.GetString(0), reader.GetString(1))] = reader.GetDouble(2);
        }
        return phases;
    }

    /// <summary>Drops the rows of a phase that did not complete, before it is run again.</summary>
    public void DiscardPhase(string model, string phase)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "DELETE FROM load WHERE model = $m AND phase = $p";
        command.Parameters.AddWithValue("$m", model);
        command.Parameters.AddWithValue("$p", phase);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<LoadRow> LoadRows(string? model = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT model, phase, seq, mode, level, start_ms, latency_ms, ttft_ms, completion_tokens, status, error FROM load"
            + (model is null ? "" : " WHERE model = $model") + " ORDER BY model, mode, level, seq";
        if (model is not null)
        {
            command.Parameters.AddWithValue("$model", model);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<LoadRow>();
        while (reader.Read())
        {
            rows.Add(new LoadRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7), reader.GetInt32(8), reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return rows;
    }
}
