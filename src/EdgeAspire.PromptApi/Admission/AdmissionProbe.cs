using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using EdgeAspire.Llama;
using EdgeAspire.PromptApi.Models;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>
/// The managed checks cover what llama.cpp is known to assert on; this covers the rest. The first time a file
/// (by sha256) is to be loaded, a child process loads it and generates one token; the server loads only files
/// that survive. Verdicts are kept by sha256 for the life of the server, so each file is probed once. The child
/// stays for the next file until one kills it (<see cref="ProbeHost"/>).
/// </summary>
internal sealed partial class AdmissionProbe(IOptions<PromptApiOptions> options, IOptions<LlamaRuntimeOptions> runtime, ILogger<AdmissionProbe> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _verdicts = new(StringComparer.Ordinal);
    private readonly ProbeHost _host = new(runtime.Value.NativeLibraryPath);
    private int _probesRun;

    /// <summary>Files probed so far: one per distinct file, however many ids or requests name it.</summary>
    public int ProbesRun => Volatile.Read(ref _probesRun);

    /// <summary>Child processes started so far: one, and another after each file that killed or hung the last.</summary>
    public int ChildrenStarted => _host.Started;

    public void Dispose() => _host.Dispose();

    /// <returns>Null when the file may be loaded here; otherwise why not.</returns>
    public async Task<string?> RefusalAsync(CatalogEntry entry, CancellationToken cancellationToken)
    {
        if (!options.Value.AdmissionProbe)
        {
            return null;
        }
        var sha256 = await entry.Sha256.WaitAsync(cancellationToken).ConfigureAwait(false);
        // The probe is not the waiting request's: a client that gives up does not cancel it for the others.
        return await _verdicts.GetOrAdd(sha256, _ => new(() => ProbeAsync(entry, sha256))).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> ProbeAsync(CatalogEntry entry, string sha256)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _probesRun);
        string? refusal;
        try
        {
            refusal = await _host.ProbeAsync(entry.Path, options.Value.AdmissionProbeTimeout).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            // A server that cannot start its own executable is misconfigured, not the file bad: load without the
            // probe, say so loudly, and try again next time.
            LogProbeUnavailable(logger, entry.Id, e.Message);
            _verdicts.TryRemove(sha256, out _);
            return null;
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (refusal is null)
        {
            LogAdmitted(logger, entry.Id, sha256, elapsed);
        }
        else
        {
            LogRefused(logger, entry.Id, sha256, elapsed, refusal);
        }
        return refusal;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Id} (sha256 {Sha256}) passed the admission probe in {Milliseconds:F0} ms")]
    private static partial void LogAdmitted(ILogger logger, string id, string sha256, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id} (sha256 {Sha256}) failed the admission probe after {Milliseconds:F0} ms: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string sha256, double milliseconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Id} is loaded without the admission probe: its child process could not start ({Reason})")]
    private static partial void LogProbeUnavailable(ILogger logger, string id, string reason);
}
