namespace EdgeAspire.PromptApi.Models;

internal sealed class ModelNotFoundException(string id)
    : Exception($"The model '{id}' does not exist.")
{
    public string Id { get; } = id;
}
