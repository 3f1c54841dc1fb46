namespace EdgeAspire.Evaluator.Measurement;

/// <summary>The samplers of one request: one per worker behind a gateway (which of them served is known only from the
/// response, and a sample taken after the request started would miss its prefill), else one for the server.</summary>
public sealed class ServingSamplers : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, ResourceSampler> _byWorker;
    private readonly ResourceSampler? _single;

    private ServingSamplers(IReadOnlyDictionary<string, ResourceSampler> byWorker, ResourceSampler? single)
    {
        _byWorker = byWorker;
        _single = single;
    }

    /// <param name="probes">Null: sample nothing.</param>
    public static ServingSamplers Start(ServingProbes? probes, CancellationToken cancellationToken) => probes switch
    {
        null => new(new Dictionary<string, ResourceSampler>(), null),
        { Server: { } server } => new(new Dictionary<string, ResourceSampler>(), ResourceSampler.Start(server, cancellationToken)),
        _ => new(probes.ByWorker.ToDictionary(p => p.Key, p => ResourceSampler.Start(p.Value, cancellationToken), StringComparer.Ordinal), null),
    };

    /// <summary>Stops every sampler; the samples of the server, or of <paramref name="worker"/> behind a gateway
    /// (none when the gateway named no worker or one it did not list).</summary>
    public async Task<IReadOnlyList<ResourceSample>> StopAsync(string? worker)
    {
        if (_single is not null)
        {
            return await _single.StopAsync().ConfigureAwait(false);
        }
        // Together, so the last samples are taken at the same moment on every worker.
        var stopped = await Task.WhenAll(_byWorker.Select(async p => (Worker: p.Key, Samples: await p.Value.StopAsync().ConfigureAwait(false)))).ConfigureAwait(false);
        return stopped.FirstOrDefault(s => s.Worker == worker).Samples ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sampler in _byWorker.Values.Append(_single).OfType<ResourceSampler>())
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
        }
    }
}
