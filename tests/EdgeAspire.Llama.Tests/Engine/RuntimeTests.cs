namespace EdgeAspire.Llama.Tests.Engine;

public class RuntimeTests
{
    [Fact]
    public void Loads_the_best_cpu_backend_and_reports_the_build()
    {
        var runtime = Llama.Runtime;
        Assert.Equal("b1-0ad4a86", runtime.BuildInfo);
        Assert.StartsWith(LlamaRuntime.ExpectedVersion, runtime.Version, StringComparison.Ordinal);
        Assert.NotEqual("unknown", runtime.CpuBackend);
        Assert.True(File.Exists(Path.Combine(runtime.LibraryDirectory, $"libggml-cpu-{runtime.CpuBackend}.so")));
        Assert.Contains("CPU", runtime.SystemInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_again_returns_the_same_runtime()
    {
        Assert.Same(Llama.Runtime, LlamaRuntime.Initialize());
    }

    [Fact]
    public void Initialize_from_another_folder_is_refused_with_a_clear_message()
    {
        _ = Llama.Runtime;
        var other = Directory.CreateTempSubdirectory().FullName;
        var error = Assert.Throws<LlamaRuntimeException>(() => LlamaRuntime.Initialize(new LlamaRuntimeOptions { NativeLibraryPath = other }));
        Assert.Contains("already loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_file_is_a_clear_error()
    {
        _ = Llama.Runtime;
        var error = Assert.Throws<FileNotFoundException>(() => LlamaModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.gguf")));
        Assert.Contains("no-such-model.gguf", error.Message, StringComparison.Ordinal);
    }
}
