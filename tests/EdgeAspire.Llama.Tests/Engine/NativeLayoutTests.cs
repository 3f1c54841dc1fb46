using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Structs passed by value must match llama.h v0.5.0 byte for byte; a mismatch corrupts every call.</summary>
public class NativeLayoutTests
{
    [Fact]
    public void Struct_sizes_match_llama_h()
    {
        Assert.Equal(80, Unsafe.SizeOf<LlamaModelParams>());
        Assert.Equal(160, Unsafe.SizeOf<LlamaContextParams>());
        Assert.Equal(56, Unsafe.SizeOf<LlamaBatch>());
        Assert.Equal(48, Unsafe.SizeOf<LlamaPerfContextData>());
        Assert.Equal(16, Unsafe.SizeOf<LlamaChatMessage>());
        Assert.Equal(12, Unsafe.SizeOf<LlamaTokenData>());
        Assert.Equal(32, Unsafe.SizeOf<LlamaTokenDataArray>());
        Assert.Equal(528, Unsafe.SizeOf<GgmlThreadpoolParams>());
    }

    [Theory]
    [InlineData(typeof(LlamaModelParams), "n_gpu_layers", 16)]
    [InlineData(typeof(LlamaModelParams), "main_gpu", 32)]
    [InlineData(typeof(LlamaModelParams), "tensor_split", 40)]
    [InlineData(typeof(LlamaModelParams), "vocab_only", 72)]
    [InlineData(typeof(LlamaModelParams), "load_mtp", 77)]
    [InlineData(typeof(LlamaContextParams), "n_threads", 28)]
    [InlineData(typeof(LlamaContextParams), "flash_attn_type", 52)]
    [InlineData(typeof(LlamaContextParams), "rope_freq_base", 56)]
    [InlineData(typeof(LlamaContextParams), "cb_eval", 88)]
    [InlineData(typeof(LlamaContextParams), "type_k", 104)]
    [InlineData(typeof(LlamaContextParams), "abort_callback", 112)]
    [InlineData(typeof(LlamaContextParams), "embeddings", 128)]
    [InlineData(typeof(LlamaContextParams), "no_perf", 130)]
    [InlineData(typeof(LlamaContextParams), "kv_unified", 133)]
    [InlineData(typeof(LlamaContextParams), "samplers", 136)]
    [InlineData(typeof(LlamaContextParams), "ctx_other", 152)]
    [InlineData(typeof(LlamaBatch), "token", 8)]
    [InlineData(typeof(LlamaBatch), "logits", 48)]
    [InlineData(typeof(LlamaPerfContextData), "n_p_eval", 32)]
    [InlineData(typeof(GgmlThreadpoolParams), "n_threads", 512)]
    [InlineData(typeof(GgmlThreadpoolParams), "paused", 525)]
    public void Field_offsets_match_llama_h(Type type, string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf(type, field));

    [Fact]
    public void Default_params_read_from_the_library_have_the_documented_values()
    {
        _ = Llama.Runtime;
        var context = Interop.Interop.Llama.ContextDefaultParams();
        Assert.Equal((512u, 2048u, 512u, 1u), (context.n_ctx, context.n_batch, context.n_ubatch, context.n_seq_max));
        Assert.Equal((1, 0, 1), (context.no_perf, context.kv_unified, context.type_k)); // type_k 1 = GGML_TYPE_F16
        Assert.Equal(-1f, context.yarn_ext_factor);

        var model = Interop.Interop.Llama.ModelDefaultParams();
        Assert.Equal(-1, model.n_gpu_layers);
        Assert.Equal((-1, 1), (model.load_mode, model.lazy_mode)); // LLAMA_LOAD_MODE_AUTO = -1, LLAMA_LAZY_MODE_AUTO = 1
        Assert.Equal((0, 0, 1, 0), (model.vocab_only, model.check_tensors, model.use_extra_bufts, model.no_host));
    }
}
