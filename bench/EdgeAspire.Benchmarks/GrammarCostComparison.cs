using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Grammars;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Benchmarks;

/// <summary>
/// What a JSON schema costs decoding: tg64 with and without the schema's grammar through our engine, and the same
/// pair through llama-server's <c>json_schema</c> when its binary is given — alternating run by run, median decode
/// tok/s of each side, on the synthetic Qwen2.5-0.5B-shaped Q4_0 model, 2 threads, temperature 1 with a fixed seed.
/// Not greedy: a random-weight model's argmax is nearly the same token at every step, and when the grammar refuses
/// that token every step takes the slow path, which says nothing about a real model.
/// <c>dotnet run -c Release -- grammar [rounds] [path/to/llama-server]</c>.
/// </summary>
internal static class GrammarCostComparison
{
    /// <summary>A random-weight model stays inside the first string (151,936 tokens, one closing quote), so every run
    /// decodes all 64 tokens under the grammar, as a long string field of a real answer would.</summary>
    public const string Schema = """
        {"type":"object","additionalProperties":false,"required":["name","tags"],
         "properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}}}
        """;

    private const int Tokens = 64, Threads = 2;

    public static async Task RunAsync(int rounds, string? llamaServer)
    {
        var modelPath = BenchModels.Path(GgufPresets.Qwen25_0_5B, GgmlType.Q4_0);
        using (var schema = JsonDocument.Parse(Schema))
        {
            LlamaRuntime.Initialize();
            using var model = LlamaModel.Load(modelPath);
            using var engine = new InferenceEngine(model, new InferenceEngineOptions { Context = new LlamaContextOptions { ContextSize = 512, Threads = Threads } });
            var grammar = JsonGrammar.ForSchema(schema.RootElement);
            var prompt = engine.Tokenize("Answer:");
            async Task<double> Decode(Grammar? g)
            {
                var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = Tokens, IgnoreEndOfGeneration = true, Grammar = g, Sampling = new SamplingOptions { Temperature = 1f, Seed = 42 } });
                return Checked(result.Timings.GeneratedTokens, result.Timings.GenerationTokensPerSecond);
            }
            await Report("engine tg64 Q4_0: free vs json_schema", rounds, () => Decode(null), () => Decode(grammar));
        }
        if (llamaServer is null)
        {
            Console.WriteLine("llama-server: not given (pass its path to compare)");
            return;
        }
        var (server, client) = StartLlamaServer(llamaServer, modelPath);
        try
        {
            using var schema = JsonDocument.Parse(Schema);
            async Task<double> Decode(bool constrained)
            {
                var body = new Dictionary<string, object> { ["prompt"] = "Answer:", ["n_predict"] = Tokens, ["temperature"] = 1, ["seed"] = 42, ["ignore_eos"] = true, ["cache_prompt"] = false };
                if (constrained)
                {
                    body["json_schema"] = schema.RootElement;
                }
                using var response = await client.PostAsJsonAsync("/completion", body);
                response.EnsureSuccessStatusCode();
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var timings = answer.RootElement.GetProperty("timings");
                return Checked(timings.GetProperty("predicted_n").GetInt32(), timings.GetProperty("predicted_per_second").GetDouble());
            }
            await Report("llama-server tg64 Q4_0: free vs json_schema", rounds, () => Decode(false), () => Decode(true));
        }
        finally
        {
            ServiceProcess.Stop(server);
            client.Dispose();
        }
    }

    private static double Checked(int generated, double tokensPerSecond) =>
        generated == Tokens ? tokensPerSecond : throw new InvalidOperationException($"decoded {generated} tokens, not {Tokens}: the comparison would not be like for like");

    private static async Task Report(string name, int rounds, Func<Task<double>> free, Func<Task<double>> constrained)
    {
        var a = new List<double>();
        var b = new List<double>();
        await free(); // warm both
        await constrained();
        for (var round = 0; round < rounds; round++)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} round {round}: free {a.LastOrDefault():F2}, json_schema {b.LastOrDefault():F2}"));
            if (round % 2 == 0)
            {
                a.Add(await free());
                b.Add(await constrained());
            }
            else
            {
                b.Add(await constrained());
                a.Add(await free());
            }
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: free {Median(a):F2} tok/s, json_schema {Median(b):F2} tok/s, json_schema/free {Median(b) / Median(a):F3} (medians of {rounds})"));
    }

    private static (Process, HttpClient) StartLlamaServer(string binary, string modelPath)
    {
        var port = ServiceProcess.FreePort();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "-m", modelPath, "-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", "512", "-np", "1", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start llama-server");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                if (client.GetAsync("/health").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return (server, client);
                }
            }
            catch (HttpRequestException)
            {
            }
            Thread.Sleep(200);
        }
        ServiceProcess.Stop(server);
        throw new InvalidOperationException("llama-server did not become healthy in 120 s");
    }
}
