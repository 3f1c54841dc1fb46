using Microsoft.Data.Sqlite;

namespace EdgeAspire.Evaluator.Tests.Infrastructure;

/// <summary>Reads a run's results.db with plain SQL, independently of the evaluator's own store code.</summary>
internal static class ResultsDb
{
    public static string PathOf(string outFolder, string runId) => Path.Combine(outFolder, runId, "results.db");

    public static List<object?[]> Query(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static long Scalar(string database, string sql) => Convert.ToInt64(Query(database, sql).Single()[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Per WinoGrande item: (index, chosen, score1, score2), in dataset order.</summary>
    public static List<(long Index, long Chosen, double Score1, double Score2)> Winogrande(string database) =>
        [.. Query(database, "SELECT item_index, chosen, score1, score2 FROM winogrande ORDER BY item_index")
            .Select(r => ((long)r[0]!, (long)r[1]!, (double)r[2]!, (double)r[3]!))];
}
