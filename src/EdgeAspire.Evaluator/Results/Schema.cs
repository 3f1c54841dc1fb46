namespace EdgeAspire.Evaluator.Results;

/// <summary>The results database: one per run, every measurement a row keyed by what it measured, so a resumed run
/// can tell what is done. Rows are written when taken (each in its own transaction).</summary>
internal static class Schema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS environment (scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (scope, key));
        CREATE TABLE IF NOT EXISTS winogrande (
            model TEXT NOT NULL, item_id TEXT NOT NULL, item_index INTEGER NOT NULL, scoring TEXT NOT NULL,
            answer INTEGER NOT NULL, chosen INTEGER NOT NULL, correct INTEGER NOT NULL,
            score1 REAL, score2 REAL, tokens1 INTEGER NOT NULL, tokens2 INTEGER NOT NULL, ms REAL NOT NULL,
            PRIMARY KEY (model, item_id));
        CREATE TABLE IF NOT EXISTS chat (
            model TEXT NOT NULL, thread_id TEXT NOT NULL, turn INTEGER NOT NULL, conversation INTEGER NOT NULL,
            prompt_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,
            ttft_ms REAL NOT NULL, latency_ms REAL NOT NULL, prompt_ms REAL, decode_ms REAL,
            prefill_tps REAL, decode_tps REAL, timings_source TEXT NOT NULL,
            cpu_percent REAL, peak_rss_bytes INTEGER, samples INTEGER NOT NULL,
            finish_reason TEXT, reply TEXT NOT NULL, fingerprint TEXT, started_utc TEXT NOT NULL, error TEXT, worker TEXT,
            PRIMARY KEY (model, thread_id, turn));
        CREATE TABLE IF NOT EXISTS chat_samples (
            model TEXT NOT NULL, thread_id TEXT NOT NULL, turn INTEGER NOT NULL,
            at_ms REAL NOT NULL, cpu_seconds REAL NOT NULL, rss_bytes INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS load (
            model TEXT NOT NULL, phase TEXT NOT NULL, seq INTEGER NOT NULL, mode TEXT NOT NULL, level REAL NOT NULL,
            start_ms REAL NOT NULL, latency_ms REAL NOT NULL, ttft_ms REAL, completion_tokens INTEGER NOT NULL,
            status INTEGER NOT NULL, error TEXT,
            PRIMARY KEY (model, phase, seq));
        CREATE TABLE IF NOT EXISTS load_phase (
            model TEXT NOT NULL, phase TEXT NOT NULL, mode TEXT NOT NULL, level REAL NOT NULL, duration_ms REAL NOT NULL,
            PRIMARY KEY (model, phase));
        """;

    /// <summary>Columns added since the first release, for runs created before them (SQLite has no ADD COLUMN IF NOT EXISTS).</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns = [("chat", "worker", "TEXT")];
}
