using System.Security.Cryptography;
using EdgeAspire.Evaluator.Projection;
using EdgeAspire.Evaluator.Reports;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Evaluator.Tests;

/// <summary><c>synth</c> writes a model of the asked shape that the other commands run like any GGUF, and reports
/// label it synthetic (its accuracy means nothing, its speed and memory do).</summary>
public sealed class SynthTests
{
    [Fact]
    public async Task A_synthesised_shape_runs_in_a_workload_and_is_labelled_synthetic()
    {
        var folder = TestData.NewFolder();
        var file = Path.Combine(folder, "custom.gguf");

        var synth = await EvalCli.SucceedAsync("synth", "--shape", "512,64,2,4,2,128,2048", "--type", "Q8_0", "--output", file);
        var run = await EvalCli.SucceedAsync("conversations", "--model-file", file, "--dataset", TestData.WriteOasstTrees(folder, 1, 6),
            "--conversations", "1", "--max-tokens", "4", "--out", Path.Combine(folder, "runs"));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), synth.Summary.GetProperty("sha256").GetString());
        var info = GgufReader.Read(file).ModelInfo;
        Assert.Equal((64, 2), (info.EmbeddingLength, info.BlockCount));
        Assert.True(info.IsSynthetic);
        Assert.Equal(3, run.Summary.GetProperty("n").GetInt32());
        var report = File.ReadAllText(run.Summary.GetProperty("report").GetString()!);
        Assert.Contains("| custom (synthetic) |", report, StringComparison.Ordinal);
        var projection = synth.Summary.GetProperty("pi5_projection");
        Assert.True(projection.GetProperty("projection").GetBoolean());
        Assert.Contains("projected on a Raspberry Pi 5", synth.Output, StringComparison.Ordinal);
        var decode = projection.GetProperty("decode_tokens_per_second").GetDouble();
        Assert.Equal(Pi5Projection.BytesPerSecond / projection.GetProperty("weight_bytes_per_token").GetInt64(), decode, 1e-6);
        var row = Assert.Single(report.Split('\n'), line => line.StartsWith("| custom (synthetic) | Q8_0 |", StringComparison.Ordinal));
        Assert.Contains(decode.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains($"## {Pi5ProjectionTable.Title}", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--shape", "512,64,2", "7 positive integers")]
    [InlineData("--preset", "gpt-5", "gpt-5")]
    public async Task A_bad_shape_or_preset_is_one_line(string option, string value, string expected)
    {
        var error = await EvalCli.FailAsync("synth", option, value, "--output", Path.Combine(TestData.NewFolder(), "x.gguf"));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
