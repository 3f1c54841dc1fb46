using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal sealed unsafe class SafeNativeMemoryHandle : SafeHandle
{
    public SafeNativeMemoryHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    public static SafeNativeMemoryHandle Allocate(nuint bytes)
    {
        var memory = new SafeNativeMemoryHandle();
        memory.SetHandle((nint)NativeMemory.AllocZeroed(bytes));
        return memory;
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }
}
