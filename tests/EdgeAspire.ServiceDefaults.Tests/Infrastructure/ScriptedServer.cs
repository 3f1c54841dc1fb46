using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>A loopback server that answers the n-th request (1-based) as the test scripts it, and counts them.</summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly List<TimeSpan> _arrivals = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LoopbackServer? _server;
    private int _requests;

    public Uri BaseAddress => _server!.BaseAddress;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>When each request arrived, since the server started.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return [.. _arrivals];
            }
        }
    }

    public static async Task<ScriptedServer> StartAsync(Func<int, HttpContext, Task> respond)
    {
        var scripted = new ScriptedServer();
        scripted._server = await LoopbackServer.StartAsync(app => app.Run(context =>
        {
            lock (scripted._arrivals)
            {
                scripted._arrivals.Add(scripted._clock.Elapsed);
            }

            return respond(Interlocked.Increment(ref scripted._requests), context);
        }));
        return scripted;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
