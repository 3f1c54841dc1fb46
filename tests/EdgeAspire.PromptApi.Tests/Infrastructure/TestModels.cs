using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>The models a test server is given, by id. Every API test runs on the trained stories260K fixture
/// (skipped without ../shared) and on a model the project writes itself, so the suite passes without ../shared.</summary>
public static class TestModels
{
    public const string Stories = "stories260K";
    public const string Synthetic = "synthetic";

    public static TheoryData<string> Both => [Stories, Synthetic];

    private static readonly Lazy<string> s_slow = new(() =>
        Fixtures.CachedModel(new GgufModelShape("slow", 512, 512, 8, 8, 8, 2048, 2048), GgmlType.Q8_0));

    /// <summary>The file behind an id; skips the calling test when it is the shared fixture and that is absent.</summary>
    public static string Require(string id) => id switch
    {
        Stories => Fixtures.RequireSharedModel("stories260K.gguf"),
        Synthetic => Fixtures.SyntheticModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    /// <summary>The file behind an id, or null when it is the shared fixture and that is absent.</summary>
    public static string? Find(string id) => id == Stories ? Fixtures.SharedModel("stories260K.gguf") : Require(id);

    /// <summary>A 35M-parameter model with a 2048-token context: a long generation lasts seconds, so a request can
    /// hold the model's only sequence while a test sends others.</summary>
    public static string Slow => s_slow.Value;

    public static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;
}
