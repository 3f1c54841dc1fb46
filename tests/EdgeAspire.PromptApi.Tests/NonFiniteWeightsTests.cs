using System.Net;
using System.Text.Json;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A structurally valid file whose weights are NaN or infinite gives NaN logits: the answer is still an
/// answer, and log probabilities stay JSON numbers (OpenAI's -9999 floor) instead of a 500 or a cut stream.</summary>
public sealed class NonFiniteWeightsTests(NonFiniteWeightsTests.Server fixture) : IClassFixture<NonFiniteWeightsTests.Server>
{
    public sealed class Server : IAsyncDisposable
    {
        public PromptApiServer Api { get; } = new(new Dictionary<string, string>
        {
            ["nan-weights"] = WithEveryWeight(float.NaN, "nan"),
            ["inf-weights"] = WithEveryWeight(float.PositiveInfinity, "inf"),
        });

        public ValueTask DisposeAsync() => Api.DisposeAsync();

        /// <summary>A copy of the synthetic F32 model with every tensor's data set to <paramref name="value"/>.</summary>
        private static string WithEveryWeight(float value, string name)
        {
            var source = Fixtures.SyntheticModel(GgmlType.F32);
            var path = Path.Combine(Directory.CreateTempSubdirectory("edgeaspire-nonfinite-").FullName, $"{name}.gguf");
            File.Copy(source, path);
            var file = GgufReader.Read(path);
            using var stream = File.OpenWrite(path);
            var bytes = BitConverter.GetBytes(value);
            foreach (var tensor in file.Tensors)
            {
                stream.Position = file.DataOffset + tensor.Offset;
                for (var i = 0L; i < tensor.ByteSize; i += sizeof(float))
                {
                    stream.Write(bytes);
                }
            }
            return path;
        }
    }

    [Theory]
    [InlineData("nan-weights", false)]
    [InlineData("inf-weights", false)]
    [InlineData("nan-weights", true)]
    public async Task Chat_log_probabilities_are_finite_numbers(string model, bool stream)
    {
        var cancellationToken = TestModels.Timeout(60);
        var request = new
        {
            model,
            stream,
            temperature = 0.8,
            max_tokens = 4,
            logprobs = true,
            top_logprobs = 3,
            messages = new[] { new { role = "user", content = "Tell me a story" } },
        };

        var logprobs = stream ? await StreamedLogprobsAsync(request, cancellationToken) : await LogprobsAsync(request, cancellationToken);

        Assert.NotEmpty(logprobs);
        Assert.All(logprobs, p => Assert.InRange(p, -9999.0, 0.0));
    }

    [Fact]
    public async Task A_scored_prompt_has_finite_token_log_probabilities()
    {
        var reply = await Http.PostAsync(fixture.Api.Client, "/v1/completions",
            new { model = "nan-weights", prompt = "Once upon a time", max_tokens = 0, echo = true, logprobs = 1 }, TestModels.Timeout(60));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var scored = reply.Json.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("token_logprobs").EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetDouble()).ToList();
        Assert.NotEmpty(scored);
        Assert.All(scored, p => Assert.InRange(p, -9999.0, 0.0));
    }

    private async Task<List<double>> LogprobsAsync(object request, CancellationToken cancellationToken)
    {
        var reply = await Http.PostAsync(fixture.Api.Client, "/v1/chat/completions", request, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return [.. Numbers(reply.Json.GetProperty("choices")[0].GetProperty("logprobs"))];
    }

    private async Task<List<double>> StreamedLogprobsAsync(object request, CancellationToken cancellationToken)
    {
        await using var stream = await StreamingRequest.StartAsync(fixture.Api.Client, "/v1/chat/completions", request, cancellationToken);
        var (events, done) = await stream.ReadAllAsync(cancellationToken);
        Assert.True(done, "the stream was cut before [DONE]");
        return [.. events.Where(e => e.TryGetProperty("choices", out var c) && c.GetArrayLength() > 0 && c[0].TryGetProperty("logprobs", out var l) && l.ValueKind == JsonValueKind.Object)
            .SelectMany(e => Numbers(e.GetProperty("choices")[0].GetProperty("logprobs")))];
    }

    /// <summary>Every <c>logprob</c> of the tokens and their alternatives.</summary>
    private static IEnumerable<double> Numbers(JsonElement logprobs) =>
        logprobs.GetProperty("content").EnumerateArray().SelectMany(token =>
            token.GetProperty("top_logprobs").EnumerateArray().Select(t => t.GetProperty("logprob").GetDouble())
                .Prepend(token.GetProperty("logprob").GetDouble()));
}
