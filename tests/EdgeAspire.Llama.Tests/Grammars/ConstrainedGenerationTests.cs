using System.Text.Json;
using EdgeAspire.Llama.Grammars;
using EdgeAspire.Llama.Inference;
using EdgeAspire.Llama.Tests.Engine;
using Json.Schema;
using TestLlama = EdgeAspire.Llama.Tests.Engine.Llama;

namespace EdgeAspire.Llama.Tests.Grammars;

/// <summary>Grammar-constrained sampling on a random-weight model at temperature 1: whatever the model would say, the
/// output is JSON that the schema accepts, for every seed and every sequence of a continuously batched context.</summary>
public sealed class ConstrainedGenerationTests
{
    private const int Seeds = 8;

    [Theory]
    [MemberData(nameof(SchemaSamples.All), MemberType = typeof(SchemaSamples))]
    public async Task Output_always_parses_and_validates_against_the_schema(string schemaText)
    {
        using var schema = JsonDocument.Parse(schemaText);
        var grammar = JsonGrammar.ForSchema(schema.RootElement);
        var validator = JsonSchema.FromText(schemaText);
        using var engine = TestLlama.Engine(Fixtures.SyntheticModel(), contextSize: 2048, sequences: 4);
        var prompt = engine.Tokenize("Answer in JSON:");

        // All seeds at once: four sequences decode together, each with its own grammar state.
        var results = await Task.WhenAll(Enumerable.Range(1, Seeds).Select(seed => engine.GenerateTextAsync(new GenerationRequest
        {
            PromptTokens = prompt,
            MaxTokens = 600,
            Grammar = grammar,
            Sampling = new SamplingOptions { Temperature = 1f, Seed = (uint)seed },
        }, TestModels.Timeout(120))));

        Assert.All(results, result =>
        {
            Assert.Equal(FinishReason.Stop, result.FinishReason);
            using var output = JsonDocument.Parse(result.Text);
            var evaluation = validator.Evaluate(output.RootElement, new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, $"{result.Text}\n{JsonSerializer.Serialize(evaluation)}");
        });
        Assert.True(results.Select(r => r.Text).Distinct().Count() > 1, "every seed gave the same output: the sampling is not random");
    }

    [Fact]
    public async Task Without_a_grammar_the_same_model_and_seeds_do_not_give_json()
    {
        using var engine = TestLlama.Engine(Fixtures.SyntheticModel());
        var result = await engine.GenerateTextAsync(new GenerationRequest
        {
            PromptTokens = engine.Tokenize("Answer in JSON:"),
            MaxTokens = 40,
            Sampling = new SamplingOptions { Temperature = 1f, Seed = 1 },
        }, TestModels.Timeout());

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(result.Text).Dispose());
    }

    [Fact]
    public void A_grammar_llama_cpp_cannot_parse_is_refused_before_it_is_queued()
    {
        using var engine = TestLlama.Engine(Fixtures.SyntheticModel());
        var request = new GenerationRequest { PromptTokens = engine.Tokenize("x"), Grammar = new Grammar("root ::= \"a\" | ( \"b\"") };

        var error = Assert.Throws<ArgumentException>(() => { engine.GenerateAsync(request, TestContext.Current.CancellationToken); });
        Assert.Equal("grammar", error.ParamName);
        Assert.Equal(0, engine.QueuedRequests);
    }

    [Fact]
    public async Task A_left_recursive_grammar_is_refused_and_the_engine_keeps_serving()
    {
        using var engine = TestLlama.Engine(Fixtures.SyntheticModel());
        var prompt = engine.Tokenize("x");

        Assert.Throws<ArgumentException>(() => { engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, Grammar = new Grammar("root ::= root \"a\" | \"b\"") }, TestContext.Current.CancellationToken); });
        var yes = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 10, Grammar = new Grammar("root ::= \"yes\" | \"no\"") }, TestModels.Timeout());

        Assert.Contains(yes.Text, new[] { "yes", "no" });
        Assert.Equal(FinishReason.Stop, yes.FinishReason);
    }
}
