namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>One server per test class with <see cref="TestModels.Both"/> and default settings.</summary>
public sealed class BothModelsFixture : IAsyncDisposable
{
    public PromptApiServer Server { get; } = PromptApiServer.WithBothModels();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
