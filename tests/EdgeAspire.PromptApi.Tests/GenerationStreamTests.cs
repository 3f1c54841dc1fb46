using System.Text;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api;
using EdgeAspire.PromptApi.Api.Contracts;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A failure after the stream has started cannot change the HTTP status: the client gets an error event and
/// the end of the stream, and the caller gets the failure back for its span and metrics.</summary>
public sealed class GenerationStreamTests
{
    [Fact]
    public async Task A_failure_mid_stream_is_sent_as_an_error_event_and_returned()
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        var broken = new InvalidOperationException("the decode failed");

        var failure = await GenerationStream.WriteAsync(http.Response, FailAfterOneUpdate(broken), Shape, [], includeUsage: false,
            (_, _) => Assert.Fail("a failed generation has no timings"), TestContext.Current.CancellationToken);

        Assert.Same(broken, failure);
        var events = Encoding.UTF8.GetString(body.ToArray()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, events.Length);
        Assert.Contains("\"text\":\"Once\"", events[0], StringComparison.Ordinal);
        Assert.Contains("\"type\":\"server_error\"", events[1], StringComparison.Ordinal);
        Assert.Equal("data: [DONE]", events[2]);
    }

    [Fact]
    public async Task A_stream_that_ends_normally_returns_no_failure()
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        var finished = 0;

        var failure = await GenerationStream.WriteAsync(http.Response, Complete(), Shape, [], includeUsage: false,
            (_, _) => finished++, TestContext.Current.CancellationToken);

        Assert.Null(failure);
        Assert.Equal(1, finished);
        Assert.EndsWith("data: [DONE]\n\n", Encoding.UTF8.GetString(body.ToArray()), StringComparison.Ordinal);
    }

    private static readonly ChunkShape<CompletionResponse> Shape = new(
        PromptApiJsonContext.Default.CompletionResponse,
        Update: u => Chunk(u.Text),
        Final: (u, _) => Chunk(u.Text),
        UsageOnly: _ => Chunk(""));

    private static CompletionResponse Chunk(string text) =>
        new("cmpl-test", "text_completion", 0, "m", [new CompletionChoice(text, 0, null, null)], null, null, ResponseMapping.Fingerprint);

    private static async IAsyncEnumerable<GenerationUpdate> FailAfterOneUpdate(Exception error)
    {
        yield return new GenerationUpdate { Text = "Once" };
        await Task.Yield();
        throw error;
    }

    private static async IAsyncEnumerable<GenerationUpdate> Complete()
    {
        await Task.Yield();
        yield return new GenerationUpdate { Text = "Once" };
        yield return new GenerationUpdate { Text = "", FinishReason = FinishReason.Stop, Timings = new GenerationTimings() };
    }
}
