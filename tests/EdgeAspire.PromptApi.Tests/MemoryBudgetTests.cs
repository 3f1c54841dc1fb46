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
}
