using EdgeAspire.PromptApi.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

internal static class GatewayWaits
{
    internal static WorkerPool Pool(this PromptApiServer gateway) => gateway.Services.GetRequiredService<WorkerPool>();

    /// <summary>Awaits the gateway's probes until <paramref name="condition"/> holds (each change of a worker's health
    /// or models wakes it), for at most <paramref name="seconds"/>.</summary>
    internal static async Task UntilAsync(this PromptApiServer gateway, Func<WorkerPool, bool> condition, int seconds = 30)
    {
        var pool = gateway.Pool();
        var timeout = TestModels.Timeout(seconds);
        while (true)
        {
            var changed = pool.Changed; // taken before the check, so a change in between is not missed
            if (condition(pool))
            {
                return;
            }
            await changed.WaitAsync(timeout);
        }
    }

    internal static bool IsHealthy(this WorkerPool pool, Uri replica) =>
        pool.Destinations.Single(d => d.Address == replica).Healthy;
}
