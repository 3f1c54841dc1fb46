using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>A run killed mid-way (SIGKILL, nothing flushed on the way out) continues with <c>--resume</c>: every
/// measurement once, none missing, and the same results as a run that was never interrupted.</summary>
public sealed class ResumeAfterKillTests
{
    [Fact]
    public async Task Killed_winogrande_run_resumes_without_duplicate_or_missing_rows()
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        const int Items = 1000;
        string[] args = ["winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", TestData.WriteWinogrande(folder, Items), "--threads", "1"];

        string runId;
        using (var killed = EvaluatorProcess.Start([.. args, "--out", runs]))
        {
            runId = await killed.KillAfterRowsAsync(runs, "winogrande", 20, TestContext.Current.CancellationToken);
        }
        var database = ResultsDb.PathOf(runs, runId);
        var before = ResultsDb.Scalar(database, "SELECT COUNT(*) FROM winogrande");
        Assert.InRange(before, 20, Items - 1);
        Assert.Equal("running", ResultsDb.Query(database, "SELECT value FROM run WHERE key = 'status'").Single()[0]);

        var resumed = await EvalCli.SucceedAsync([.. args, "--out", runs, "--resume", runId]);
        var reference = await EvalCli.SucceedAsync([.. args, "--out", Path.Combine(folder, "reference")]);

        Assert.Equal(runId, resumed.RunId);
        Assert.Equal(Items, resumed.Summary.GetProperty("n").GetInt32());
        Assert.Equal(Enumerable.Range(0, Items).Select(i => (long)i), ResultsDb.Winogrande(database).Select(r => r.Index));
        Assert.Equal(ResultsDb.Winogrande(ResultsDb.PathOf(Path.Combine(folder, "reference"), reference.RunId)), ResultsDb.Winogrande(database));
        Assert.Equal(reference.Summary.GetProperty("correct").GetInt32(), resumed.Summary.GetProperty("correct").GetInt32());
        Assert.Equal("complete", ResultsDb.Query(database, "SELECT value FROM run WHERE key = 'status'").Single()[0]);
    }

    [Fact]
    public async Task Killed_conversations_run_resumes_every_turn_once()
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        const int Threads = 12, Messages = 6;
        string[] args = ["conversations", "--model-file", Fixtures.SyntheticModel(), "--dataset", TestData.WriteOasstTrees(folder, Threads, Messages),
            "--conversations", $"{Threads}", "--max-tokens", "24", "--threads", "1"];

        string runId;
        using (var killed = EvaluatorProcess.Start([.. args, "--out", runs]))
        {
            runId = await killed.KillAfterRowsAsync(runs, "chat", 4, TestContext.Current.CancellationToken);
        }
        var database = ResultsDb.PathOf(runs, runId);
        var before = ResultsDb.Scalar(database, "SELECT COUNT(*) FROM chat");

        var resumed = await EvalCli.SucceedAsync([.. args, "--out", runs, "--resume", runId]);
        var reference = await EvalCli.SucceedAsync([.. args, "--out", Path.Combine(folder, "reference")]);

        const int Turns = Threads * Messages / 2; // one request per prompter message
        Assert.InRange(before, 4, Turns - 1);
        const string Rows = "SELECT thread_id, turn, prompt_tokens, completion_tokens FROM chat ORDER BY thread_id, turn";
        var rows = ResultsDb.Query(database, Rows);
        Assert.Equal(Turns, rows.Count);
        Assert.Equal(Turns, rows.Select(r => (r[0], r[1])).Distinct().Count());
        // Dataset history: the resumed run's prompts equal an uninterrupted run's. Replies are not compared: a turn
        // resumed in a new process is prefilled from scratch instead of after a cached prefix, which changes logits
        // within the batching tolerance, enough to flip near-ties of a random-weight model.
        Assert.Equal(ResultsDb.Query(ResultsDb.PathOf(Path.Combine(folder, "reference"), reference.RunId), Rows), rows);
        Assert.Equal(Turns, resumed.Summary.GetProperty("n").GetInt32());
    }
}
