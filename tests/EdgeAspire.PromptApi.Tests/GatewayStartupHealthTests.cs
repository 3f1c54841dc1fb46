using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A gateway asked for its health before its first probe round has ended answers once the round tells,
/// not "unhealthy: not probed yet" (which the health service logs as a failure).</summary>
public sealed class GatewayStartupHealthTests
{
    [Fact]
    public async Task Health_before_the_first_probe_round_waits_for_it_instead_of_failing()
    {
        var answerProbe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A worker whose first /health answer is held back, so the gateway's first round cannot end before the test says.
        await using var worker = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", async () => { await answerProbe.Task; return Results.Text("Healthy"); });
            app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "m", @object = "model" } } }));
        });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker-a"] = [worker.BaseAddress] },
            new Dictionary<string, string> { ["Gateway:ProbeInterval"] = "00:10:00" });

        var health = gateway.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        await UntilReceivedAsync(gateway, "/health");
        answerProbe.SetResult();
        using var reply = await health;

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }

    private static async Task UntilReceivedAsync(PromptApiServer server, string path)
    {
        var timeout = TestModels.Timeout();
        while (!server.Requests.Entries.Any(e => e.Path == path))
        {
            await Task.Yield();
            timeout.ThrowIfCancellationRequested();
        }
    }
}
