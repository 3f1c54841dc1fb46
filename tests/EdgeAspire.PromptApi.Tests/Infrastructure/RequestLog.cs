using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>Every request a test server received, so a test can tell which worker the gateway sent a request to
/// (by the <see cref="TestIdHeader"/> it carried) and whether that request is still running.</summary>
public sealed class RequestLog
{
    public const string TestIdHeader = "x-test-id";

    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Method, string Path, string? TestId, Task<bool> Aborted);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Requests that carried <paramref name="testId"/>.</summary>
    public IReadOnlyList<Entry> Tagged(string testId) => [.. _entries.Where(e => e.TestId == testId)];

    internal IStartupFilter StartupFilter() => new Filter(this);

    private sealed class Filter(RequestLog log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate inner) =>
            {
                // Completes with whether the client went away before the response was over.
                var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                log._entries.Enqueue(new Entry(http.Request.Method, http.Request.Path, http.Request.Headers[TestIdHeader].FirstOrDefault(), done.Task));
                try
                {
                    await inner(http);
                }
                finally
                {
                    done.TrySetResult(http.RequestAborted.IsCancellationRequested);
                }
            });
            next(app);
        };
    }
}
