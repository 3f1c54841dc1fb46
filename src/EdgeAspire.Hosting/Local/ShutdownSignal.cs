using System.Runtime.InteropServices;

namespace EdgeAspire.Hosting.Local;

/// <summary>Ctrl+C and SIGTERM become a cancellation instead of killing the AppHost, so it can stop its children.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGQUIT)];
    }

    public CancellationToken Token => _cancellation.Token;

    private PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        _cancellation.Cancel();
    });

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancellation.Dispose();
    }
}
