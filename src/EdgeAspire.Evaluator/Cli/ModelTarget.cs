using EdgeAspire.Evaluator.Backends;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>One model to evaluate, as the command line named it: an endpoint's model id or a local GGUF file.</summary>
internal sealed record ModelTarget(string? Endpoint, string? ModelId, string? File)
{
    public string Name => ModelId ?? Path.GetFileNameWithoutExtension(File!);

    public async Task<IModelBackend> OpenAsync(CommandSettings settings, CancellationToken cancellationToken)
    {
        if (File is not null)
        {
            return LocalBackend.Open(File, settings.ContextSize, settings.Threads, settings.IgnoreEos);
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--endpoint must be an http(s) URL, got '{Endpoint}'");
        }
        Uri? metrics = settings.MetricsUrl is null ? null : new Uri(settings.MetricsUrl);
        return await HttpBackend.ConnectAsync(endpoint, ModelId!, settings.ApiKey, metrics, TimeSpan.FromSeconds(settings.TimeoutSeconds), cancellationToken, settings.IgnoreEos).ConfigureAwait(false);
    }
}
