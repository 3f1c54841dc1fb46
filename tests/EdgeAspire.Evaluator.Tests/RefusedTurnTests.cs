using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>A turn the server refuses (its thread is longer than the context) is a refusal with its reason, not a row of zeros.</summary>
public sealed class RefusedTurnTests
{
    [Fact]
    public async Task A_refused_turn_has_a_status_and_a_reason_and_no_figures()
    {
        var folder = TestData.NewFolder();
        // A context that holds the first turn of a thread but not the third.
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["ContextSize"] = "64" });
        var runs = Path.Combine(folder, "runs");

        var run = await EvalCli.SucceedAsync("conversations", "--endpoint", new Uri(server.BaseAddress, "/v1").ToString(), "--model", TestModels.Synthetic,
            "--dataset", TestData.WriteOasstTrees(folder, 1, 5), "--conversations", "1", "--max-tokens", "4", "--out", runs);

        var lines = await File.ReadAllLinesAsync(Path.Combine(runs, run.RunId, "chat.csv"), TestContext.Current.CancellationToken);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];
        var refused = rows.Where(r => Field(r, "Status") == "refused").ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(rows, r => Field(r, "Status") == "ok");
        Assert.All(refused, r => Assert.True(Field(r, "Error").Length > 0 && Field(r, "PromptTokens").Length == 0 && Field(r, "LatencyMs").Length == 0, string.Join(",", r)));
        var report = await File.ReadAllTextAsync(Path.Combine(runs, run.RunId, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Refused turns", report, StringComparison.Ordinal);
        Assert.All(refused, r => Assert.Contains($"| {TestModels.Synthetic} (synthetic) | 1 | {Field(r, "Error")} |", report, StringComparison.Ordinal));
    }
}
