using System.Net;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class ResilienceTests
{
    private static Dictionary<string, string?> Settings(
        string totalTimeout = "00:00:05", string attemptTimeout = "00:00:02", string maxDelay = "00:00:00.200") => new()
    {
        ["HttpResilience:TotalTimeout"] = totalTimeout,
        ["HttpResilience:AttemptTimeout"] = attemptTimeout,
        ["HttpResilience:MaxRetryAttempts"] = "3",
        ["HttpResilience:BaseDelay"] = "00:00:00.001",
        ["HttpResilience:MaxDelay"] = maxDelay,
    };

    [Theory]
    [InlineData("GET")]
    [InlineData("OPTIONS")]
    public async Task Safe_request_succeeds_after_transient_failures(string method)
    {
        await using var server = await ScriptedServer.StartAsync((n, context) =>
        {
            if (n <= 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        using var host = ClientHost.Build(Settings());
        using var client = host.CreateClient();

        using var request = new HttpRequestMessage(new HttpMethod(method), server.BaseAddress);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Requests);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Unsafe_request_is_never_retried(string method)
    {
        await using var server = await ScriptedServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Build(Settings());
        using var client = host.CreateClient();

        using var request = new HttpRequestMessage(new HttpMethod(method), server.BaseAddress) { Content = new StringContent("{}") };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Retry_after_is_honoured_up_to_the_maximum_delay()
    {
        await using var server = await ScriptedServer.StartAsync((n, context) =>
        {
            if (n == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "30";
            }

            return Task.CompletedTask;
        });
        using var host = ClientHost.Build(Settings(maxDelay: "00:00:00.250"));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(server.BaseAddress, TestContext.Current.CancellationToken);

        // Back-off alone would wait ~1 ms; Retry-After (30 s) capped at MaxDelay makes it 250 ms.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gap = server.Arrivals[1] - server.Arrivals[0];
        Assert.InRange(gap, TimeSpan.FromMilliseconds(240), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Attempt_timeout_triggers_a_retry()
    {
        await using var server = await ScriptedServer.StartAsync((n, context) =>
            n == 1 ? Task.Delay(Timeout.Infinite, context.RequestAborted) : context.Response.WriteAsync("second"));
        using var host = ClientHost.Build(Settings(attemptTimeout: "00:00:01"));
        using var client = host.CreateClient();

        var body = await client.GetStringAsync(server.BaseAddress, TestContext.Current.CancellationToken);

        Assert.Equal("second", body);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Total_timeout_fails_a_request_whose_headers_never_come()
    {
        await using var server = await ScriptedServer.StartAsync((_, context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var host = ClientHost.Build(Settings(totalTimeout: "00:00:00.300", attemptTimeout: "00:00:00.300"));
        using var client = host.CreateClient();
        using var content = new StringContent("{}");

        await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => client.PostAsync(server.BaseAddress, content, TestContext.Current.CancellationToken));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Streamed_response_outlives_the_total_timeout_once_headers_arrived()
    {
        const int Chunks = 5;
        await using var server = await ScriptedServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync(context.RequestAborted);
            for (var i = 0; i < Chunks; i++)
            {
                await context.Response.WriteAsync($"data: {i}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);

                // The simulated model "generates" slowly: the whole stream takes ~2.5x the total timeout.
                await Task.Delay(TimeSpan.FromMilliseconds(400), context.RequestAborted);
            }
        });
        using var host = ClientHost.Build(Settings(totalTimeout: "00:00:00.800", attemptTimeout: "00:00:00.800"));
        using var client = host.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseAddress) { Content = new StringContent("{}") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Chunks, body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Retry_resolves_again_and_moves_to_the_next_endpoint()
    {
        await using var down = await ScriptedServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        });
        await using var up = await ScriptedServer.StartAsync((_, context) => context.Response.WriteAsync("up"));
        var settings = Settings();
        settings["services:worker:http:0"] = down.BaseAddress.ToString();
        settings["services:worker:http:1"] = up.BaseAddress.ToString();
        using var host = ClientHost.Build(settings);
        using var client = host.CreateClient();

        // Round-robin: one of two requests is first sent to the replica that is down, and its retry to the other.
        var first = await client.GetStringAsync(new Uri("http://worker/v1/models"), TestContext.Current.CancellationToken);
        var second = await client.GetStringAsync(new Uri("http://worker/v1/models"), TestContext.Current.CancellationToken);

        Assert.Equal(["up", "up"], [first, second]);
        Assert.Equal(1, down.Requests);
        Assert.Equal(2, up.Requests);
    }

    [Theory]
    [InlineData("00:00:01", "00:00:05", "3", "AttemptTimeout")]
    [InlineData("00:00:10", "00:00:05", "50", "MaxRetryAttempts")]
    [InlineData("00:00:10", "00:00:00.001", "3", "AttemptTimeout")]
    public async Task Invalid_options_fail_on_start(string totalTimeout, string attemptTimeout, string retries, string culprit)
    {
        using var host = ClientHost.Build(new Dictionary<string, string?>
        {
            ["HttpResilience:TotalTimeout"] = totalTimeout,
            ["HttpResilience:AttemptTimeout"] = attemptTimeout,
            ["HttpResilience:MaxRetryAttempts"] = retries,
        });

        // The standard handler's options read ours, so their validation on start fails too: all say the same.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        Assert.All(failures, failure => Assert.Contains(culprit, Assert.IsType<OptionsValidationException>(failure).Message, StringComparison.Ordinal));
    }
}
