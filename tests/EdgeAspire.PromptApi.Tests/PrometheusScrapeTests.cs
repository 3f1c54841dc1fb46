using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>The <c>/metrics</c> contract as a real Prometheus server sees it, not as our own parser reads it.</summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task A_real_Prometheus_scrapes_the_time_to_first_token_histogram_with_its_long_buckets()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        var ct = TestModels.Timeout();
        var chat = new { model = TestModels.Synthetic, messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 3, temperature = 0, ignore_eos = true };
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(server.Client, "/v1/chat/completions", chat, ct)).Status);

        await using var prometheus = await PrometheusServer.StartAsync(server.BaseAddress, ct);
        var buckets = await prometheus.QueryAsync(
            $"gen_ai_server_time_to_first_token_seconds_bucket{{gen_ai_request_model=\"{TestModels.Synthetic}\"}}", samples => samples.Count > 0, ct);
        var up = await prometheus.QueryAsync("up{job=\"promptapi\"}", samples => samples.Count > 0, ct);

        Assert.Equal(1, Assert.Single(up).Value);
        Assert.All(buckets, b => Assert.Equal("chat", b.Labels["gen_ai_operation_name"]));
        Assert.Equal(1, buckets.Single(b => UpperBound(b.Labels) == 600).Value); // the long buckets reach 10 minutes
        Assert.Equal(1, buckets.Single(b => UpperBound(b.Labels) == double.PositiveInfinity).Value);
        var median = await prometheus.QueryAsync(
            "histogram_quantile(0.5, gen_ai_server_time_to_first_token_seconds_bucket)", samples => samples.Count > 0, ct);
        Assert.InRange(Assert.Single(median).Value, 0, 600);
    }

    // Scraped as OpenMetrics, "600" is stored as "600.0".
    private static double UpperBound(IReadOnlyDictionary<string, string> labels) =>
        labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(labels["le"], System.Globalization.CultureInfo.InvariantCulture);
}
