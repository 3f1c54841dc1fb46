using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>Bad input ends with one line on stderr, a non-zero exit and a JSON summary saying so; input that is
/// wrong before anything is measured leaves no run behind.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Unknown_model_at_a_real_endpoint_names_the_model_and_writes_no_run()
    {
        var folder = TestData.NewFolder();
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });

        var error = await EvalCli.FailAsync("winogrande", "--endpoint", new Uri(server.BaseAddress, "/v1").ToString(), "--model", "no-such-model",
            "--dataset", TestData.WriteWinogrande(folder, 4), "--out", Path.Combine(folder, "runs"));

        Assert.Contains("no-such-model", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }

    [Theory]
    [InlineData("winogrande", "{\"qID\": \"x\", \"sentence\": \"no blank\"")]
    [InlineData("winogrande", "{\"qID\": \"x\", \"sentence\": \"A _ b.\", \"option1\": \"a\", \"option2\": \"b\", \"answer\": \"3\"}")]
    [InlineData("conversations", "[1, 2, 3]")]
    public async Task A_malformed_dataset_line_is_named_and_writes_no_run(string command, string badLine)
    {
        var folder = TestData.NewFolder();
        var dataset = command == "winogrande" ? TestData.WriteWinogrande(folder, 5) : TestData.WriteOasstTrees(folder, 5, 6);
        var lines = File.ReadAllLines(dataset).ToList();
        lines.Insert(2, badLine);
        File.WriteAllLines(dataset, lines);

        var error = await EvalCli.FailAsync(command, "--model-file", Fixtures.SyntheticModel(), "--dataset", dataset, "--out", Path.Combine(folder, "runs"));

        Assert.Contains($"{Path.GetFileName(dataset)} line 3", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }

    [Fact]
    public async Task Resume_refuses_other_settings_and_unknown_runs_then_continues_with_the_same()
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        string[] args = ["winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", TestData.WriteWinogrande(folder, 8), "--out", runs];
        var first = await EvalCli.SucceedAsync([.. args, "--limit", "4"]);

        var otherLimit = await EvalCli.FailAsync([.. args, "--limit", "5", "--resume", first.RunId]);
        var otherScoring = await EvalCli.FailAsync([.. args, "--limit", "4", "--scoring", "llama-perplexity", "--resume", first.RunId]);
        var unknown = await EvalCli.FailAsync([.. args, "--limit", "4", "--resume", "no-such-run"]);
        var same = await EvalCli.SucceedAsync([.. args, "--limit", "4", "--resume", first.RunId]);

        Assert.Contains("limit=4", otherLimit, StringComparison.Ordinal);
        Assert.Contains("scoring=lm-eval", otherScoring, StringComparison.Ordinal);
        Assert.Contains("no-such-run", unknown, StringComparison.Ordinal);
        Assert.Equal(first.Summary.GetProperty("correct").GetInt32(), same.Summary.GetProperty("correct").GetInt32());
        Assert.Equal(4, ResultsDb.Scalar(ResultsDb.PathOf(runs, first.RunId), "SELECT COUNT(*) FROM winogrande"));
    }

    [Fact]
    public async Task Usage_mistakes_are_one_line_each()
    {
        var folder = TestData.NewFolder();
        var dataset = TestData.WriteWinogrande(folder, 2);

        var noModel = await EvalCli.FailAsync("winogrande", "--dataset", dataset);
        var noEndpoint = await EvalCli.FailAsync("winogrande", "--model", "x", "--dataset", dataset);
        var badUrl = await EvalCli.FailAsync("winogrande", "--endpoint", "ftp://host/v1", "--model", "x", "--dataset", dataset, "--out", Path.Combine(folder, "runs"));
        var missingFile = await EvalCli.FailAsync("winogrande", "--model-file", Path.Combine(folder, "absent.gguf"), "--dataset", dataset, "--out", Path.Combine(folder, "runs"));
        var notGguf = await EvalCli.FailAsync("winogrande", "--model-file", dataset, "--dataset", dataset, "--out", Path.Combine(folder, "runs"));

        Assert.Contains("--model-file", noModel, StringComparison.Ordinal);
        Assert.Contains("--endpoint", noEndpoint, StringComparison.Ordinal);
        Assert.Contains("ftp://host/v1", badUrl, StringComparison.Ordinal);
        Assert.Contains("absent.gguf", missingFile, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(dataset), notGguf, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }
}
