using System.Net.Http.Headers;

namespace EdgeAspire.Evaluator.Datasets;

/// <summary>Downloads a dataset file once into a cache folder: to <c>*.partial</c>, then renamed, so an interrupted
/// download is never taken for a complete file. <c>HF_TOKEN</c> is sent as a bearer token when set.</summary>
public sealed class DatasetDownloader(HttpClient http, string cacheDirectory)
{
    public async Task<string> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(url.AbsolutePath);
        var directory = Path.Combine(cacheDirectory, url.Host + "_" + url.Port, Path.GetDirectoryName(url.AbsolutePath.TrimStart('/'))!.Replace('/', '_'));
        var target = Path.Combine(directory, name);
        if (File.Exists(target))
        {
            return target;
        }
        Directory.CreateDirectory(directory);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(url, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(url, $"no answer within {http.Timeout.TotalSeconds:0} s", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Unreachable(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null);
            }
            var partial = target + ".partial";
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = File.Create(partial);
                await using (file.ConfigureAwait(false))
                {
                    await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }
            File.Move(partial, target, overwrite: true);
        }
        return target;
    }

    private static DatasetException Unreachable(Uri url, string why, Exception? inner) =>
        new($"cannot download {url}: {why}; offline, give a local copy of the file with --dataset <path>", inner) { Unreachable = true };
}
