using EdgeAspire.Evaluator.Datasets;

namespace EdgeAspire.Evaluator.Cli;

internal static class DatasetResolver
{
    /// <summary>The local file for <c>--dataset</c>: the path itself, or the Hub file downloaded into the cache.</summary>
    public static async Task<string> ResolveAsync(CommandSettings settings, HubDataset hub, CancellationToken cancellationToken)
    {
        if (!string.Equals(settings.Dataset, "hub", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(settings.Dataset) ? settings.Dataset : throw new DatasetException($"dataset file {Path.GetFullPath(settings.Dataset)} does not exist");
        }
        var url = settings.DatasetUrl is { } explicitUrl ? new Uri(explicitUrl) : hub.Url(settings.HubEndpoint);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        return await new DatasetDownloader(http, settings.Cache).GetAsync(url, cancellationToken).ConfigureAwait(false);
    }
}
