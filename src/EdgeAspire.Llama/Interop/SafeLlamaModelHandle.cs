using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle() : base(nint.Zero, ownsHandle: true) { }

    public SafeLlamaModelHandle(nint handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.Llama.ModelFree(handle);
        return true;
    }
}
