using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal static partial class Interop
{
    /// <summary>Setup, model and context functions of llama.h (v0.5.0).</summary>
    internal static unsafe partial class Llama
    {
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_backend_init")]
        internal static partial void BackendInit();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_log_set")]
        internal static partial void LogSet(delegate* unmanaged<int, byte*, nint, void> callback, nint userData);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_print_system_info")]
        internal static partial byte* PrintSystemInfo();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_version")]
        internal static partial byte* Version();

        [LibraryImport(Libraries.LlamaCommon, EntryPoint = "_Z16llama_build_infov")] // C++ linkage in libllama-common
        internal static partial byte* BuildInfo();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_default_params")]
        internal static partial LlamaModelParams ModelDefaultParams();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_context_default_params")]
        internal static partial LlamaContextParams ContextDefaultParams();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_load_from_file", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint ModelLoadFromFile(string path, LlamaModelParams parameters);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_free")]
        internal static partial void ModelFree(nint model);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_get_vocab")]
        internal static partial nint ModelGetVocab(SafeLlamaModelHandle model);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_desc")]
        internal static partial int ModelDesc(SafeLlamaModelHandle model, byte* buffer, nuint size);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_params")]
        internal static partial ulong ModelParameterCount(SafeLlamaModelHandle model);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_size")]
        internal static partial ulong ModelSize(SafeLlamaModelHandle model);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_ctx_train")]
        internal static partial int ModelTrainContextLength(SafeLlamaModelHandle model);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_chat_template")]
        internal static partial byte* ModelChatTemplate(SafeLlamaModelHandle model, byte* name);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_init_from_model")]
        internal static partial nint InitFromModel(SafeLlamaModelHandle model, LlamaContextParams parameters);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_free")]
        internal static partial void Free(nint context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_attach_threadpool")]
        internal static partial void AttachThreadpool(SafeLlamaContextHandle context, SafeGgmlThreadpoolHandle threadpool, SafeGgmlThreadpoolHandle threadpoolBatch);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_detach_threadpool")]
        internal static partial void DetachThreadpool(nint context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_ctx")]
        internal static partial uint ContextSize(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_ctx_seq")]
        internal static partial uint ContextSizePerSequence(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_batch")]
        internal static partial uint BatchSize(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_perf_context")]
        internal static partial LlamaPerfContextData PerfContext(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_perf_context_reset")]
        internal static partial void PerfContextReset(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_chat_apply_template")]
        internal static partial int ChatApplyTemplate(byte* template, LlamaChatMessage* messages, nuint count, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);
    }
}
