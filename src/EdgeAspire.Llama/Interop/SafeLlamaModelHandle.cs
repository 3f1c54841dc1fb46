using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle() : base(nint.Zero, ownsHandle: true) { }

    public SafeLlamaModelHandle(nint handle) : this()
    {
        SetHandle(handle);
        if (!IsInvalid)
        {
            NativeObjectCounts.ModelCreated();
        }
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.Llama.ModelFree(handle);
        NativeObjectCounts.ModelFreed();
        // The model is freed only after its last context (each holds a reference): its buffers are all free now.
        GlibcAllocator.ReleaseFreeMemory();
        return true;
    }
}
