using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>WinoGrande scored by the engine in-process and through the PromptApi's completions endpoint must agree
/// item by item (on stories260K and the first dev items, else on the synthetic model and items written here), and
/// the in-process llama-perplexity scoring must reproduce llama.cpp's own figure on the whole dev set.</summary>
public sealed class WinograndeEquivalenceTests
{
    /// <summary>Enough items for both options to be chosen many times; the whole set proves nothing more here.</summary>
    private const int SharedItems = 100;

    [Theory]
    [InlineData("lm-eval")]
    [InlineData("llama-perplexity")]
    public async Task In_process_and_http_choose_the_same_option_for_every_item(string scoring)
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        var shared = TestModels.Find(TestModels.Stories) is not null && TestData.SharedData("winogrande-dev.jsonl") is not null;
        var (id, model) = shared ? (TestModels.Stories, TestModels.Require(TestModels.Stories)) : (TestModels.Synthetic, TestModels.Require(TestModels.Synthetic));
        var dataset = shared ? TestData.SharedData("winogrande-dev.jsonl")! : TestData.WriteWinogrande(folder, 60);
        var expectedItems = shared ? SharedItems : File.ReadLines(dataset).Count(l => l.Length > 0);
        await using var server = new PromptApiServer(new Dictionary<string, string> { [id] = model });

        string[] common = ["--dataset", dataset, "--scoring", scoring, "--out", runs, "--limit", expectedItems.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var local = await EvalCli.SucceedAsync(["winogrande", "--model-file", model, .. common]);
        var remote = await EvalCli.SucceedAsync(["winogrande", "--endpoint", new Uri(server.BaseAddress, "/v1").ToString(), "--model", id, .. common]);

        // Both runs record the same model file: read by the evaluator in-process, reported by the server over HTTP.
        const string Sha256 = "SELECT value FROM environment WHERE key = 'model_sha256'";
        Assert.Equal(ResultsDb.Query(ResultsDb.PathOf(runs, local.RunId), Sha256).Single()[0], ResultsDb.Query(ResultsDb.PathOf(runs, remote.RunId), Sha256).Single()[0]);
        Assert.Equal(expectedItems, local.Summary.GetProperty("n").GetInt32());
        Assert.Equal(local.Summary.GetProperty("correct").GetInt32(), remote.Summary.GetProperty("correct").GetInt32());
        var inProcess = ResultsDb.Winogrande(ResultsDb.PathOf(runs, local.RunId));
        var overHttp = ResultsDb.Winogrande(ResultsDb.PathOf(runs, remote.RunId));
        Assert.Equal(expectedItems, inProcess.Count);
        Assert.Equal(inProcess.Select(r => (r.Index, r.Chosen)), overHttp.Select(r => (r.Index, r.Chosen)));
        if (shared)
        {
            Assert.Equal(new long[] { 1, 2 }, inProcess.Select(r => r.Chosen).Distinct().Order());
        }
        // The wire carries log-probabilities as JSON numbers of float precision.
        Assert.All(inProcess.Zip(overHttp), p =>
        {
            Assert.Equal(p.First.Score1, p.Second.Score1, 1e-3);
            Assert.Equal(p.First.Score2, p.Second.Score2, 1e-3);
        });
    }

    [Fact]
    public async Task Llama_perplexity_scoring_reproduces_llama_cpp_on_the_whole_dev_set()
    {
        var model = TestModels.Find(TestModels.Stories);
        var dataset = TestData.SharedData("winogrande-dev.jsonl");
        Assert.SkipWhen(model is null || dataset is null, "stories260K and the WinoGrande dev set (../shared/fixtures) are not available");
        var runs = Path.Combine(TestData.NewFolder(), "runs");

        var local = await EvalCli.SucceedAsync("winogrande", "--model-file", model!, "--dataset", dataset!, "--scoring", "llama-perplexity", "--out", runs);

        // llama-perplexity --winogrande at this llama.cpp version (b1-0ad4a86) on the same items as CSV reports
        // 49.684 % of 1266 tasks: its reader drops the file's last line. 629 / 1266 = 49.684 %.
        Assert.Equal(629, ResultsDb.Scalar(ResultsDb.PathOf(runs, local.RunId), "SELECT SUM(correct) FROM winogrande WHERE item_index < 1266"));
    }
}
