using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary>Keeps a handle alive while a raw pointer derived from it (a vocab, the KV memory) is in use.</summary>
internal readonly ref struct SafeHandleLease
{
    private readonly SafeHandle _handle;
    private readonly bool _added;

    public SafeHandleLease(SafeHandle handle)
    {
        _handle = handle;
        handle.DangerousAddRef(ref _added);
    }

    public void Dispose()
    {
        if (_added)
        {
            _handle.DangerousRelease();
        }
    }
}
