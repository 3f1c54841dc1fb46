using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeAspire.Evaluator.Results;

/// <summary><c>&lt;out&gt;/&lt;run-id&gt;/results.db</c>. A new run records its command and settings; a resumed
/// run must name the same command and settings (anything else would mix incomparable measurements).</summary>
public sealed partial class RunStore : IDisposable
{
    public const string FileName = "results.db";

    private RunStore(string directory, string runId, SqliteConnection connection)
    {
        Directory = directory;
        RunId = runId;
        Connection = connection;
    }

    public string RunId { get; }

    public string Directory { get; }

    internal SqliteConnection Connection { get; }

    public static string NewRunId(string command) =>
        $"{command}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2))}";

    public static RunStore Create(string outDirectory, string command, IReadOnlyDictionary<string, string> settings)
    {
        var runId = NewRunId(command);
        var directory = Path.Combine(Path.GetFullPath(outDirectory), runId);
        System.IO.Directory.CreateDirectory(directory);
        var store = new RunStore(directory, runId, OpenConnection(Path.Combine(directory, FileName)));
        store.Execute(Schema.Create);
        using var transaction = store.Connection.BeginTransaction();
        store.Put("run", "run_id", runId, transaction);
        store.Put("run", "command", command, transaction);
        store.Put("run", "created_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), transaction);
        store.Put("run", "status", "running", transaction);
        foreach (var (key, value) in settings)
        {
            store.Put("settings", key, value, transaction);
        }
        transaction.Commit();
        return store;
    }

    /// <summary>Reopens a run to continue it; throws <see cref="RunStoreException"/> when it is not the same work.</summary>
    public static RunStore Resume(string outDirectory, string runId, string command, IReadOnlyDictionary<string, string> settings)
    {
        var store = Open(Path.Combine(outDirectory, runId));
        try
        {
            var recorded = store.Read("settings");
            var theirs = store.Read("run").GetValueOrDefault("command");
            if (theirs != command)
            {
                throw new RunStoreException($"run {runId} is a '{theirs}' run; resume it with '{theirs}'");
            }
            foreach (var key in recorded.Keys.Union(settings.Keys).Order(StringComparer.Ordinal))
            {
                var before = recorded.GetValueOrDefault(key);
                var now = settings.GetValueOrDefault(key);
                if (before != now)
                {
                    throw new RunStoreException($"run {runId} was started with {key}={before ?? "(unset)"}, not {now ?? "(unset)"}; resume with the same settings");
                }
            }
            store.SetStatus("running");
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>An existing run, by folder or by id under <paramref name="outDirectory"/>.</summary>
    public static RunStore Open(string runDirectoryOrId, string? outDirectory = null)
    {
        var directory = System.IO.Directory.Exists(runDirectoryOrId) || outDirectory is null ? runDirectoryOrId : Path.Combine(outDirectory, runDirectoryOrId);
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file))
        {
            throw new RunStoreException($"no run at {Path.GetFullPath(directory)} (no {FileName})");
        }
        var connection = OpenConnection(file);
        var store = new RunStore(Path.GetFullPath(directory), Path.GetFileName(Path.GetFullPath(directory)), connection);
        store.Execute(Schema.Create);
        store.AddMissingColumns();
        return store;
    }

    public string Command => Read("run").GetValueOrDefault("command") ?? "";

    public IReadOnlyDictionary<string, string> Settings => Read("settings");

    public IReadOnlyDictionary<string, string> RunInfo => Read("run");

    public void SetStatus(string status) => Put("run", "status", status);

    public void SetEnvironment(string scope, IReadOnlyDictionary<string, string> values)
    {
        using var transaction = Connection.BeginTransaction();
        foreach (var (key, value) in values)
        {
            using var command = Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO environment (scope, key, value) VALUES ($s, $k, $v)";
            command.Parameters.AddWithValue("$s", scope);
            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$v", value);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyList<(string Scope, string Key, string Value)> Environment()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT scope, key, value FROM environment ORDER BY scope, key";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    public void Dispose() => Connection.Dispose();

    private void AddMissingColumns()
    {
        foreach (var (table, column, definition) in Schema.AddedColumns)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c";
            command.Parameters.AddWithValue("$c", column);
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                Execute($"ALTER TABLE {table} ADD COLUMN {column} {definition}");
            }
        }
    }

    internal void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection OpenConnection(string file)
    {
        // No pooling: a finished (or killed) run leaves no handle open on its file.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private void Put(string table, string key, string value, SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR REPLACE INTO {table} (key, value) VALUES ($k, $v)";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private Dictionary<string, string> Read(string table)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT key, value FROM {table}";
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }
        return values;
    }
}
