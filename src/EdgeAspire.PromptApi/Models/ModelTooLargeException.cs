namespace EdgeAspire.PromptApi.Models;

/// <summary>A model whose estimated footprint exceeds the whole memory budget: it could never be loaded.</summary>
internal sealed class ModelTooLargeException(string id, long needed, long budget)
    : Exception($"The model '{id}' needs about {needed / (1024 * 1024)} MiB (weights + KV cache) but the memory budget is {budget / (1024 * 1024)} MiB.")
{
    public long Needed { get; } = needed;

    public long Budget { get; } = budget;
}
