using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Every engine test runs on the trained stories260K fixture (skipped without ../shared) and on a model
/// the project writes itself, so the suite passes without ../shared.</summary>
public static class TestModels
{
    public const string Stories = "stories260K";
    public const string Synthetic = "synthetic";

    public static TheoryData<string> Both => [Stories, Synthetic];

    public static string PathOf(string name) => name switch
    {
        Stories => Fixtures.RequireSharedModel("stories260K.gguf"),
        Synthetic => Fixtures.SyntheticModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static readonly Lazy<string> s_slow = new(() =>
        Fixtures.CachedModel(new GgufModelShape("slow", 512, 1024, 8, 8, 8, 4096, 512), GgmlType.Q8_0));

    /// <summary>A 130M-parameter model: tens of milliseconds per token, so a test's reaction between two tokens is
    /// not outrun by the worker.</summary>
    public static string Slow => s_slow.Value;

    public static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;
}
