namespace EdgeAspire.PromptApi.Models;

/// <summary>The model's file was refused, before llama.cpp saw it or by llama.cpp itself.</summary>
internal sealed class InvalidModelFileException(RejectedModel model)
    : Exception($"The model '{model.Id}' cannot be served: its file is invalid: {model.Reason}")
{
    public RejectedModel Model { get; } = model;
}
