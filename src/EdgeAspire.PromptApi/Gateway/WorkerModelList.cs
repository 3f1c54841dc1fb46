using System.Text.Json;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Reads a worker's <c>GET /v1/models</c> (<c>{"object":"list","data":[{"id":…,"meta":{"location":…}}]}</c>).</summary>
internal static class WorkerModelList
{
    public static async Task<IReadOnlyDictionary<string, WorkerModel>> GetAsync(HttpClient http, WorkerDestination destination, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(destination.Prefix + "/v1/models"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/v1/models answered {(int)response.StatusCode}", null, response.StatusCode);
        }
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return Parse(document.RootElement);
    }

    public static IReadOnlyDictionary<string, WorkerModel> Parse(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Object || !list.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("/v1/models did not answer an OpenAI model list");
        }
        var models = new Dictionary<string, WorkerModel>(StringComparer.Ordinal);
        foreach (var model in data.EnumerateArray())
        {
            if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name)
            {
                models.TryAdd(name, new WorkerModel(name, model.Clone(), !IsInModelStore(model), !IsRefused(model)));
            }
        }
        return models;
    }

    private static bool IsRefused(JsonElement model) =>
        model.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.False;

    // A model the worker lists from the ModelStore's catalog would be fetched on first use: any worker with the
    // file does better.
    private static bool IsInModelStore(JsonElement model) =>
        model.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String && location.GetString() == "modelstore";
}
