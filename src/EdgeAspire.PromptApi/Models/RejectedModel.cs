namespace EdgeAspire.PromptApi.Models;

/// <summary>A model whose file cannot be served, and why (the check that refused it, or llama.cpp's refusal).</summary>
internal sealed record RejectedModel(string Id, string Path, string Reason, DateTimeOffset Modified);
