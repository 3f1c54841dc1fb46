using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests.StructuredOutput;

/// <summary>A server with a random-weight model only: whatever it would say, constrained output must still match.
/// The tiny preset's shape with a 4,096-token training context, since tool descriptions become mostly byte tokens in
/// its 512-token vocabulary.</summary>
public sealed class StructuredOutputServer : IAsyncDisposable
{
    private static readonly GgufModelShape s_shape = GgufPresets.Tiny with { Name = "tiny-long", ContextLength = 4096 };

    public PromptApiServer Server { get; } = new(
        new Dictionary<string, string> { [TestModels.Synthetic] = Fixtures.CachedModel(s_shape, GgmlType.F32) },
        new Dictionary<string, string> { ["ContextSize"] = "4096", ["ParallelSequences"] = "2" });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
