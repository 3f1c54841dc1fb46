using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary>A llama context. It keeps its model alive: llama.cpp requires the model to outlive the context.</summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private readonly SafeLlamaModelHandle? _model;
    private readonly bool _modelReferenced;

    public SafeLlamaContextHandle() : base(nint.Zero, ownsHandle: true) { }

    public SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model) : this()
    {
        SetHandle(handle);
        if (!IsInvalid)
        {
            NativeObjectCounts.ContextCreated();
        }
        _model = model;
        model.DangerousAddRef(ref _modelReferenced);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.Llama.DetachThreadpool(handle);
        Interop.Llama.Free(handle);
        NativeObjectCounts.ContextFreed();
        if (_modelReferenced)
        {
            _model!.DangerousRelease();
        }
        return true;
    }
}
