using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary>A sampler chain; the samplers added to it are owned (and freed) by the chain.</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle() : base(nint.Zero, ownsHandle: true) { }

    public SafeLlamaSamplerHandle(nint handle) : this()
    {
        SetHandle(handle);
        if (!IsInvalid)
        {
            NativeObjectCounts.SamplerCreated();
        }
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.Llama.SamplerFree(handle);
        NativeObjectCounts.SamplerFreed();
        return true;
    }
}
