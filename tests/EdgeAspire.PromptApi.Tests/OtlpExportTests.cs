using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.Dashboard.Otlp;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

// Alone, not beside other servers: the OpenTelemetry SDK listens to meters by name across the process, merges
// same-named instruments of every host into one stream, and another host's shutdown deactivates that stream.
/// <summary>A running PromptApi exports its traces and metrics over OTLP/HTTP protobuf to a real receiver.</summary>
[CollectionDefinition(nameof(OtlpExportTests), DisableParallelization = true)]
[Collection(nameof(OtlpExportTests))]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_and_metrics_arrive_with_the_resource_attributes_and_the_clients_trace_id()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var trace = ActivityTraceId.CreateRandom();
        await using (var server = new PromptApiServer(
            new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
            configuration: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_SERVICE_NAME"] = "promptapi-under-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "50",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
                ["K8S_POD_NAME"] = "worker-0",
                ["K8S_NODE_NAME"] = "pi-3",
            }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent(JsonSerializer.Serialize(new
                {
                    model = TestModels.Synthetic, max_tokens = 4, temperature = 0, ignore_eos = true,
                    messages = new[] { new { role = "user", content = "Hi" } },
                }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await server.Client.SendAsync(request, TestModels.Timeout());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        } // stopping the host flushes the exporters

        var spans = receiver.Received("traces").SelectMany(b => OtlpTraceDecoder.Decode(b.Body)).Where(s => s.TraceId == trace.ToHexString()).ToList();
        Assert.Equal(["POST /v1/chat/completions", "chat synthetic", "decode", "detokenize", "model.load", "prefill", "queue", "tokenize"], spans.Select(s => s.Name).Order(StringComparer.Ordinal));
        var operation = spans.Single(s => s.Name == "chat synthetic");
        Assert.Equal(spans.Single(s => s.Name == "POST /v1/chat/completions").SpanId, operation.ParentSpanId);
        Assert.All(spans.Where(s => s.Name is "queue" or "prefill" or "decode" or "detokenize" or "tokenize" or "model.load"), s => Assert.Equal(operation.SpanId, s.ParentSpanId));
        Assert.Equal("llama.cpp", operation.Attributes["gen_ai.provider.name"]);
        Assert.Equal(4L, operation.Attributes["gen_ai.usage.output_tokens"]);
        Assert.Equal(4, spans.Single(s => s.Name == "decode").Events.Count(e => e.Name == "token"));
        var resource = operation.Resource.Attributes;
        Assert.Equal("promptapi-under-test", resource["service.name"]);
        Assert.Equal("worker-0", resource["k8s.pod.name"]);
        Assert.Equal("pi-3", resource["k8s.node.name"]);
        Assert.True(resource.ContainsKey("service.instance.id") && resource.ContainsKey("host.name") && resource.ContainsKey("host.arch"));

        var metrics = receiver.Received("metrics").SelectMany(b => OtlpMetricsDecoder.Decode(b.Body)).ToList();
        Assert.Contains(metrics, m => m.Name == "gen_ai.server.time_to_first_token" && m.Unit == "s" && m.Scope == "EdgeAspire.PromptApi");
        Assert.Contains(metrics, m => m.Name == "edgeaspire.generated_tokens");
        Assert.Contains(metrics, m => m.Name == "gen_ai.client.token.usage" && m.Unit == "{token}");
        Assert.All(metrics, m => Assert.Equal("promptapi-under-test", m.Resource.ServiceName));
    }
}
