using System.Text.Json;
using Refit;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>An OpenAI-compatible server's model list and model details, as a Refit client generated at build time.
/// The streamed chat, whose bytes the Evaluator times, stays on the OpenAI SDK over a plain HttpClient.</summary>
internal interface IModelsApi
{
    [Get("/models")]
    Task<IApiResponse<JsonElement>> ListAsync(CancellationToken cancellationToken);

    [Get("/models/{id}")]
    Task<IApiResponse<JsonElement>> GetAsync(string id, CancellationToken cancellationToken);
}
