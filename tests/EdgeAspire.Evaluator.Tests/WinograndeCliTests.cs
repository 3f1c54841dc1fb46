using System.Text.Json;
using EdgeAspire.Evaluator.Cli;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>The CLI run in-process on a synthetic model and a few WinoGrande items the test writes.</summary>
public class WinograndeCliTests
{
    [Theory]
    [InlineData("lm-eval")]
    [InlineData("llama-perplexity")]
    public async Task In_process_run_ends_with_a_json_summary_and_a_result_row_per_item(string scoring)
    {
        var folder = Directory.CreateTempSubdirectory("edgeaspire-eval-").FullName;
        var dataset = WriteItems(folder, 12);

        var (exit, output, error) = await RunAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", dataset, "--scoring", scoring, "--out", Path.Combine(folder, "runs"));

        Assert.True(exit == 0, error);
        using var summary = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var root = summary.RootElement;
        Assert.Equal(12, root.GetProperty("n").GetInt32());
        var correct = root.GetProperty("correct").GetInt32();
        Assert.InRange(correct, 0, 12);
        Assert.Equal(correct / 12.0, root.GetProperty("accuracy").GetDouble(), 1e-6);
        Assert.True(File.Exists(root.GetProperty("results").GetString()));
    }

    [Fact]
    public async Task Empty_dataset_and_unreachable_endpoint_fail_with_one_line_and_a_non_zero_exit()
    {
        var folder = Directory.CreateTempSubdirectory("edgeaspire-eval-").FullName;
        var empty = Path.Combine(folder, "empty.jsonl");
        File.WriteAllText(empty, "");

        var (exitEmpty, _, errorEmpty) = await RunAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", empty, "--out", Path.Combine(folder, "runs"));
        var (exitDown, _, errorDown) = await RunAsync("winogrande", "--endpoint", "http://127.0.0.1:9/v1", "--model", "x", "--dataset", WriteItems(folder, 2), "--out", Path.Combine(folder, "runs"));

        Assert.NotEqual(0, exitEmpty);
        Assert.NotEqual(0, exitDown);
        Assert.Single(errorEmpty.Trim().Split('\n'));
        Assert.Single(errorDown.Trim().Split('\n'));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await EvaluatorCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static string WriteItems(string folder, int count)
    {
        var path = Path.Combine(folder, $"winogrande-{count}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new
        {
            qID = $"q{i}",
            sentence = i % 2 == 0 ? "Sarah was a better cook than Maria so _ made the dinner." : "The cup did not fit in the bag because _ was too big.",
            option1 = i % 2 == 0 ? "Sarah" : "cup",
            option2 = i % 2 == 0 ? "Maria" : "bag",
            answer = i % 3 == 0 ? "2" : "1",
        })));
        return path;
    }
}
