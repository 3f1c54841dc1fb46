using System.Text;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class OtlpExportTests
{
    [Theory]
    [InlineData(null, "application/x-protobuf")] // our default when OTEL_EXPORTER_OTLP_PROTOCOL is unset
    [InlineData("http/protobuf", "application/x-protobuf")]
    [InlineData("grpc", "application/grpc")]
    public async Task Traces_metrics_and_logs_reach_an_otlp_receiver_with_the_service_resource(string? protocol, string contentType)
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: protocol == "grpc");
        var serviceName = $"otlp-test-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "edge.site=lab-7",
            ["K8S_POD_NAME"] = "promptapi-7d9c-x2",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "50",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
        };
        var service = await LoopbackServer.StartAsync(
            app => app.MapGet("/items/{id}", (int id) => TypedResults.Ok(id)),
            builder => builder.AddServiceDefaults(),
            settings);

        using (var client = new HttpClient { BaseAddress = service.BaseAddress })
        {
            (await client.GetAsync("/items/3", TestContext.Current.CancellationToken)).Dispose();
        }

        // Stopping flushes every provider: no waiting on export intervals.
        await service.DisposeAsync();

        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            var exports = receiver.Received(signal);
            Assert.True(exports.Count > 0, $"no {signal} export arrived");
            Assert.All(exports, e => Assert.Equal(contentType, e.ContentType));
            var resource = exports.First(e => Contains(e.Body, serviceName)).Body;
            Assert.True(Contains(resource, "service.name"));
            Assert.True(Contains(resource, "k8s.pod.name") && Contains(resource, "promptapi-7d9c-x2"));
            Assert.True(Contains(resource, "edge.site") && Contains(resource, "lab-7"));
        }

        Assert.Contains(receiver.Received("traces"), e => Contains(e.Body, "GET /items/{id}"));
    }

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
