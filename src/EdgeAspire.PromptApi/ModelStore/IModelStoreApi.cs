using Refit;

namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>The ModelStore's request/response calls, as a Refit client generated at build time. Its streamed
/// answers (pull progress, file copies) are read by <see cref="ModelStoreClient"/> with the plain HttpClient.</summary>
internal interface IModelStoreApi
{
    [Get("/models")]
    Task<StoreModelList> ListAsync(CancellationToken cancellationToken);

    [Get("/models/{id}")]
    Task<IApiResponse<StoreModel>> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>200 when the store has the file already, 202 when it has started fetching it.</summary>
    [Post("/models/{id}/pull")]
    Task<HttpResponseMessage> StartPullAsync(string id, CancellationToken cancellationToken);
}
