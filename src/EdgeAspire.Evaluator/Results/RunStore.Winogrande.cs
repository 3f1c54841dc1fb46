namespace EdgeAspire.Evaluator.Results;

public sealed partial class RunStore
{
    public void Add(WinograndeRow row)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO winogrande (model, item_id, item_index, scoring, answer, chosen, correct, score1, score2, tokens1, tokens2, ms)
            VALUES ($model, $id, $index, $scoring, $answer, $chosen, $correct, $s1, $s2, $t1, $t2, $ms)
            """;
        command.Parameters.AddWithValue("$model", row.Model);
        command.Parameters.AddWithValue("$id", row.ItemId);
        command.Parameters.AddWithValue("$index", row.ItemIndex);
        command.Parameters.AddWithValue("$scoring", row.Scoring);
        command.Parameters.AddWithValue("$answer", row.Answer);
        command.Parameters.AddWithValue("$chosen", row.Chosen);
        command.Parameters.AddWithValue("$correct", row.Correct ? 1 : 0);
        command.Parameters.AddWithValue("$s1", double.IsFinite(row.Score1) ? row.Score1 : DBNull.Value);
        command.Parameters.AddWithValue("$s2", double.IsFinite(row.Score2) ? row.Score2 : DBNull.Value);
        command.Parameters.AddWithValue("$t1", row.Tokens1);
        command.Parameters.AddWithValue("$t2", row.Tokens2);
        command.Parameters.AddWithValue("$ms", row.Ms);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<WinograndeRow> WinograndeRows(string? model = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT model, item_id, item_index, scoring, answer, chosen, score1, score2, tokens1, tokens2, ms FROM winogrande"
            + (model is null ? "" : " WHERE model = $model") + " ORDER BY model, item_index";
        if (model is not null)
        {
            command.Parameters.AddWithValue("$model", model);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<WinograndeRow>();
        while (reader.Read())
        {
            rows.Add(new WinograndeRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6), reader.IsDBNull(7) ? double.NaN : reader.GetDouble(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetDouble(10)));
        }
        return rows;
    }
}
