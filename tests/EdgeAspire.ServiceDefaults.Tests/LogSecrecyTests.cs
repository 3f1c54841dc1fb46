using System.Collections.Concurrent;
using System.Net;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.ServiceDefaults.Tests;

/// <summary>A key a client puts in the query string (<c>?api_key=</c>) is never written to a log.</summary>
public sealed class LogSecrecyTests
{
    private const string Key = "sk-query-secret-4711";

    [Fact]
    public async Task A_key_in_the_query_string_is_not_logged()
    {
        using var logs = new CollectingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(
            app => app.MapGet("/v1/models", () => Results.Ok()),
            builder =>
            {
                builder.AddServiceDefaults();
                builder.Logging.AddProvider(logs);
            });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync($"/v1/models?api_key={Key}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(logs.Messages, message => message.Contains(Key, StringComparison.Ordinal));
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(Messages);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
