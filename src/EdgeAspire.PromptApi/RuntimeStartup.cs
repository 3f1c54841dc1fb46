using EdgeAspire.Llama;

namespace EdgeAspire.PromptApi;

/// <summary>Loads llama.cpp when the host starts, so a missing or mismatched library fails the start with its
/// message instead of the first request.</summary>
internal sealed class RuntimeStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<LlamaRuntime>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
