using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Arm64.Tests.Infrastructure;

/// <summary>
/// The same models served twice with the same settings: by the linux-arm64 PromptApi under emulation and by the
/// x64 PromptApi in this process. Models: stories260K (when ../shared is there), the synthetic F32 model and a
/// synthetic Q4_0 model, whose matrix products take the quantized (dot-product) kernels.
/// </summary>
public sealed class EmulatedPromptApi(Arm64Build build) : IAsyncLifetime
{
    public const string Quantized = "synthetic-q4";

    private static readonly Dictionary<string, string> s_settings = new()
    {
        ["Threads"] = "2",
        ["ContextSize"] = "512",
        // The probe's child process is this executable started again; without binfmt_misc the kernel cannot run
        // an arm64 executable started from inside the emulator ("Exec format error"). On a Pi it runs.
        ["AdmissionProbe"] = "false",
    };

    private DirectoryInfo? _models;

    public Arm64Build Build => build;

    public EmulatedService Arm64 { get; private set; } = null!;

    public PromptApiServer X64 { get; private set; } = null!;

    public IReadOnlyList<string> ModelIds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (build.Unavailable is not null)
        {
            return;
        }
        var models = new Dictionary<string, string> { [TestModels.Synthetic] = Fixtures.SyntheticModel(), [Quantized] = Fixtures.SyntheticModel(GgmlType.Q4_0) };
        if (TestModels.Find(TestModels.Stories) is { } stories)
        {
            models[TestModels.Stories] = stories;
        }
        ModelIds = [.. models.Keys.Order(StringComparer.Ordinal)];
        _models = Directory.CreateTempSubdirectory("edgeaspire-arm64-models-");
        foreach (var (id, file) in models)
        {
            File.Copy(file, Path.Combine(_models.FullName, id + ".gguf"));
        }
        X64 = new PromptApiServer(models, s_settings);
        Arm64 = await EmulatedService.StartAsync("promptapi", "/health",
            [$"--PromptApi:ModelsPath={_models.FullName}", .. s_settings.Select(s => $"--PromptApi:{s.Key}={s.Value}")]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Arm64 is not null)
        {
            await Arm64.DisposeAsync();
        }
        if (X64 is not null)
        {
            await X64.DisposeAsync();
        }
        _models?.Delete(recursive: true);
    }
}
