using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal static partial class Interop
{
    /// <summary>ggml backend registry and thread pools.</summary>
    internal static unsafe partial class Ggml
    {
        /// <summary>Scores every <c>libggml-cpu-*.so</c> in the folder and keeps the best. NULL would search the
        /// host executable's folder (the dotnet host), which finds nothing.</summary>
        [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_load_all_from_path", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void BackendLoadAllFromPath(string directory);

        [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_dev_count")]
        internal static partial nuint BackendDeviceCount();

        [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_dev_get")]
        internal static partial nint BackendDeviceGet(nuint index);

        [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_name")]
        internal static partial byte* BackendDeviceName(nint device);

        [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_dev_description")]
        internal static partial byte* BackendDeviceDescription(nint device);

        [LibraryImport(Libraries.Ggml, EntryPoint = "ggml_backend_reg_by_name", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint BackendRegistryByName(string name);

        [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_backend_reg_get_proc_address", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint BackendRegistryGetProcAddress(nint registry, string name);

        [LibraryImport(Libraries.GgmlBase, EntryPoint = "ggml_threadpool_params_init")]
        internal static partial void ThreadpoolParamsInit(GgmlThreadpoolParams* parameters, int threads);
    }
}
