using System.Text;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Engine;

public class ContextLifetimeTests
{
    [Fact]
    public void A_context_llama_cpp_refuses_does_not_keep_the_model_loaded()
    {
        _ = Llama.Runtime;
        var path = Fixtures.TemporaryPath("no-training-context.gguf");
        try
        {
            WriteModelWithoutTrainingContext(path);
            var model = LlamaModel.Load(path);

            // ContextSize 0 means "the training context", which is 0 here: llama_init_from_model returns NULL.
            var error = Assert.Throws<LlamaRuntimeException>(() => model.CreateContext(new LlamaContextOptions { Threads = 2 }));
            model.Dispose();

            Assert.Contains("could not create a context", error.Message, StringComparison.Ordinal);
            // A SafeHandle closes when its last reference goes: a reference leaked by the failed context keeps it open.
            Assert.True(model.Handle.IsClosed, "the model's weights were not freed");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Threads_beyond_ggml_maximum_are_refused_before_llama_cpp()
    {
        var model = Llama.Model(Fixtures.SyntheticModel());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateContext(new LlamaContextOptions { Threads = LlamaContextOptions.MaxThreads + 1 }));

        Assert.Contains("at most 512", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The tiny synthetic model with <c>llama.context_length</c> patched to 0 (the writer refuses to write it).</summary>
    private static void WriteModelWithoutTrainingContext(string path)
    {
        var bytes = File.ReadAllBytes(Fixtures.SyntheticModel());
        var key = Encoding.UTF8.GetBytes(GgufKeys.ContextLength("llama"));
        var at = bytes.AsSpan().IndexOf(key);
        Assert.True(at > 0, "no context_length key in the synthetic model");
        var valueAt = at + key.Length + sizeof(uint); // the key, then its value type (U32), then the value
        Assert.Equal((uint)GgufPresets.Tiny.ContextLength, BitConverter.ToUInt32(bytes, valueAt));
        Gguf.GgufTestFiles.Patch(bytes, valueAt, 0, size: 4);
        File.WriteAllBytes(path, bytes);
    }
}
