using System.Text.Json;
using EdgeAspire.Arm64.Tests.Infrastructure;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Arm64.Tests;

/// <summary>The linux-arm64 Evaluator under emulation scores WinoGrande in-process as the x64 build does.</summary>
[Collection(EmulatedArm64.Name)]
public sealed class EvaluatorOnArm64Tests(Arm64Build build)
{
    private const int Items = 40;

    /// <summary>Largest difference allowed between an item's arm64 and x64 score (a sum of the continuation's log
    /// probabilities, both options evaluated in one batch, which takes the matrix-matrix kernels); measured: 0.0104 on
    /// stories260K over the first 40 dev items.</summary>
    private const double ScoreTolerance = 0.05;

    [Fact]
    public async Task WinoGrande_in_process_chooses_the_same_option_for_every_item_as_x64()
    {
        build.RequireAvailable();
        var folder = TestData.NewFolder();
        // stories260K on the real dev set when ../shared is there; else the synthetic model on generated items.
        var model = Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel();
        var dataset = TestData.SharedData("winogrande-dev.jsonl") ?? TestData.WriteWinogrande(folder, Items);
        string[] arguments = ["winogrande", "--model-file", model, "--dataset", dataset, "--limit", $"{Items}"];

        var x64 = await EvalCli.SucceedAsync([.. arguments, "--out", Path.Combine(folder, "x64")]);
        var (exit, output, error) = await EmulatedService.RunToEndAsync("evaluator", TimeSpan.FromMinutes(15), [.. arguments, "--out", Path.Combine(folder, "arm64")]);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var arm64 = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(x64.Summary.GetProperty("correct").GetInt32(), arm64.GetProperty("correct").GetInt32());
        var expected = ResultsDb.Winogrande(ResultsDb.PathOf(Path.Combine(folder, "x64"), x64.RunId));
        var actual = ResultsDb.Winogrande(ResultsDb.PathOf(Path.Combine(folder, "arm64"), arm64.GetProperty("run_id").GetString()!));
        Assert.Equal(Items, expected.Count);
        Assert.Equal(expected.Select(r => (r.Index, r.Chosen)), actual.Select(r => (r.Index, r.Chosen)));
        Assert.All(expected.Zip(actual), pair =>
        {
            Assert.Equal(pair.First.Score1, pair.Second.Score1, ScoreTolerance);
            Assert.Equal(pair.First.Score2, pair.Second.Score2, ScoreTolerance);
        });
        Directory.Delete(folder, recursive: true);
    }
}
