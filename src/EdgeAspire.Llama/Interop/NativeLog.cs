using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Llama.Interop;

/// <summary>Routes llama.cpp's log callback to an <see cref="ILogger"/> and remembers the last error line of
/// each thread, so a failed native call can say why.</summary>
internal static unsafe class NativeLog
{
    private const int LevelDebug = 1, LevelInfo = 2, LevelWarn = 3, LevelError = 4, LevelContinue = 5;

    private static ILogger? s_logger;

    [ThreadStatic] private static StringBuilder? t_line;
    [ThreadStatic] private static int t_lineLevel;
    [ThreadStatic] private static string? t_lastError;

    public static void Install(ILogger logger)
    {
        s_logger = logger;
        Interop.Llama.LogSet(&OnLog, nint.Zero);
    }

    /// <summary>The last error llama.cpp logged on this thread since the previous call, or null.</summary>
    public static string? TakeLastError()
    {
        var error = t_lastError;
        t_lastError = null;
        return error;
    }

    [UnmanagedCallersOnly]
    private static void OnLog(int level, byte* text, nint userData)
    {
        var piece = Marshal.PtrToStringUTF8((nint)text) ?? "";
        var line = t_line ??= new StringBuilder();
        if (level != LevelContinue)
        {
            t_lineLevel = level;
        }
        line.Append(piece);
        if (!piece.EndsWith('\n'))
        {
            return;
        }
        var message = line.ToString().TrimEnd();
        line.Clear();
        if (t_lineLevel == LevelError)
        {
            t_lastError = message;
        }
        var logLevel = t_lineLevel switch
        {
            LevelError => LogLevel.Error,
            LevelWarn => LogLevel.Warning,
            LevelInfo or LevelDebug => LogLevel.Trace, // llama.cpp prints hundreds of INFO lines per model load
            _ => LogLevel.Trace,
        };
        if (s_logger is { } logger)
        {
            LlamaLog.NativeMessage(logger, logLevel, message);
        }
    }
}
