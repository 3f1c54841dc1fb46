namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>The ModelStore could not provide a model (HTTP 502 to the client).</summary>
internal sealed class ModelStoreException(string message) : Exception(message);
