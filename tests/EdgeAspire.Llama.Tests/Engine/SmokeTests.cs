using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stories_generates()
    {
        var path = Fixtures.SharedModel("stories260K.gguf");
        Assert.SkipWhen(path is null, "no ../shared");
        using var engine = Llama.Engine(path!);
        output.WriteLine($"{Llama.Runtime.CpuBackend} {Llama.Runtime.BuildInfo} {Llama.Runtime.CpuDescription}");
        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 60 }, TestContext.Current.CancellationToken);
        output.WriteLine(result.Text);
        output.WriteLine(result.Timings.ToString());
        Assert.NotEmpty(result.Text);
    }
}
