using System.Globalization;
using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Models load on demand and are swapped to stay inside <c>PromptApi:MemoryBudget</c>.</summary>
public sealed class MemoryBudgetTests
{
    [Fact]
    public async Task Two_models_that_do_not_fit_together_are_swapped_and_one_over_the_budget_is_refused_before_loading()
    {
        var models = new Dictionary<string, string>
        {
            ["a"] = TestModels.Require(TestModels.Synthetic),
            ["b"] = TestModels.Require(TestModels.Synthetic),
            ["big"] = TestModels.Slow,
        };
        long estimate;
        await using (var probe = new PromptApiServer(models))
        {
            estimate = (await Http.GetAsync(probe.Client, "/v1/models/a", TestModels.Timeout())).Json.GetProperty("meta").GetProperty("memory_estimate_bytes").GetInt64();
        }
        await using var server = new PromptApiServer(models, new Dictionary<string, string> { ["MemoryBudget"] = (estimate * 3 / 2).ToString(CultureInfo.InvariantCulture) });

        var loadedAfter = new List<string[]>();
        foreach (var model in new[] { "a", "b", "a", "b" })
        {
            var reply = await Http.PostAsync(server.Client, "/v1/completions", new { model, prompt = "Once upon a time", max_tokens = 2 }, TestModels.Timeout());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var list = await Http.GetAsync(server.Client, "/v1/models", TestModels.Timeout());
            loadedAfter.Add([.. list.Json.GetProperty("data").EnumerateArray()
                .Where(m => m.GetProperty("meta").GetProperty("loaded").GetBoolean()).Select(m => m.GetProperty("id").GetString()!)]);
        }
        var big = await Http.PostAsync(server.Client, "/v1/completions", new { model = "big", prompt = "Once upon a time", max_tokens = 2 }, TestModels.Timeout());
        var bigDetail = await Http.GetAsync(server.Client, "/v1/models/big", TestModels.Timeout());

        Assert.Equal([["a"], ["b"], ["a"], ["b"]], loadedAfter);
        Assert.Equal(HttpStatusCode.BadRequest, big.Status);
        Assert.Equal("model_too_large", big.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("model", big.Json.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains("budget", big.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(bigDetail.Json.GetProperty("meta").GetProperty("loaded").GetBoolean());
        Assert.Equal(["b"], server.Models.Loaded.Select(m => m.Id));
    }

    [Fact]
    public async Task The_least_recently_used_model_is_unloaded_to_make_room()
    {
        var synthetic = TestModels.Require(TestModels.Synthetic);
        var models = new Dictionary<string, string> { ["a"] = synthetic, ["b"] = synthetic, ["c"] = synthetic };
        var estimate = await EstimateAsync(models, "a", settings: null);
        await using var server = new PromptApiServer(models, Budget(estimate * 5 / 2));

        foreach (var model in new[] { "a", "b", "a", "c" })
        {
            Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(server, model)).Status);
        }

        Assert.Equal(["a", "c"], Loaded(server));
    }

    [Fact]
    public async Task A_model_serving_a_request_is_not_unloaded_to_make_room_though_it_was_used_least_recently()
    {
        var synthetic = TestModels.Require(TestModels.Synthetic);
        var models = new Dictionary<string, string> { ["slow"] = TestModels.Slow, ["a"] = synthetic, ["b"] = synthetic };
        var settings = new Dictionary<string, string> { ["ContextSize"] = "2048" };
        var slowEstimate = await EstimateAsync(models, "slow", settings);
        var estimate = await EstimateAsync(models, "a", settings);
        // Room for the slow model and one other.
        await using var server = new PromptApiServer(models, new Dictionary<string, string>(Budget(slowEstimate + estimate * 3 / 2)) { ["ContextSize"] = "2048" });
        await using var busy = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", QueueTests.LongStream, TestModels.Timeout());
        await busy.ReadContentAsync(1, TestModels.Timeout());

        var a = await CompleteAsync(server, "a");
        var b = await CompleteAsync(server, "b");
        var loaded = Loaded(server);
        await busy.ReadContentAsync(3, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, a.Status);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        Assert.Equal(["b", "slow"], loaded);
    }

    private static async Task<long> EstimateAsync(Dictionary<string, string> models, string id, IReadOnlyDictionary<string, string>? settings)
    {
        await using var probe = new PromptApiServer(models, settings);
        return (await Http.GetAsync(probe.Client, $"/v1/models/{id}", TestModels.Timeout())).Json.GetProperty("meta").GetProperty("memory_estimate_bytes").GetInt64();
    }

    private static Dictionary<string, string> Budget(long bytes) => new() { ["MemoryBudget"] = bytes.ToString(CultureInfo.InvariantCulture) };

    private static Task<Http.Reply> CompleteAsync(PromptApiServer server, string model) =>
        Http.PostAsync(server.Client, "/v1/completions", new { model, prompt = "Once upon a time", max_tokens = 2 }, TestModels.Timeout());

    private static string[] Loaded(PromptApiServer server) => [.. server.Models.Loaded.Select(m => m.Id).Order(StringComparer.Ordinal)];
}
