using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary>A ggml CPU thread pool. Its functions live in the CPU backend library that the registry chose at
/// run time, so they are called through pointers looked up by <see cref="CpuThreadpoolApi"/>.</summary>
internal sealed class SafeGgmlThreadpoolHandle : SafeHandle
{
    public SafeGgmlThreadpoolHandle() : base(nint.Zero, ownsHandle: true) { }

    public SafeGgmlThreadpoolHandle(nint handle) : this()
    {
        SetHandle(handle);
        if (!IsInvalid)
        {
            NativeObjectCounts.ThreadpoolCreated();
        }
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        CpuThreadpoolApi.Free(handle);
        NativeObjectCounts.ThreadpoolFreed();
        return true;
    }
}
