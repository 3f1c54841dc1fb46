using System.Text.RegularExpressions;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>The README's offline first run works in a fresh clone: the file its <c>--model-file</c> names is one
/// that its previous command writes, and that command does write a model.</summary>
public sealed partial class ReadmeFirstRunTests
{
    [Fact]
    public async Task The_readme_model_file_is_written_by_the_readme_synth_command()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"), TestContext.Current.CancellationToken);
        var served = ModelFile().Match(readme);
        var synth = SynthCommand().Match(readme);
        Assert.True(served.Success && synth.Success, "the README names no --model-file, or no synth command that writes one");
        Assert.Equal(Path.GetFullPath(synth.Groups["output"].Value, "/clone"), Path.GetFullPath(served.Groups["file"].Value, "/clone"));

        var output = Path.Combine(TestData.NewFolder(), Path.GetFileName(synth.Groups["output"].Value));
        var args = synth.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await EvalCli.SucceedAsync(["synth", .. args, "--output", output]);

        Assert.NotEmpty(GgufReader.Read(output).Tensors);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "EdgeAspire.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("no EdgeAspire.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"AppHost -c Release -- --model-file (?<file>\S+)")]
    private static partial Regex ModelFile();

    [GeneratedRegex(@"Evaluator -c Release -- synth (?<args>.*?) --output (?<output>\S+)")]
    private static partial Regex SynthCommand();
}
