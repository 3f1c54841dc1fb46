using Microsoft.Extensions.Logging;

namespace EdgeAspire.Llama;

internal static partial class LlamaLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "llama.cpp {Version} ({Build}) from {Directory}; CPU backend {Backend} on {Cpu}; {SystemInfo}")]
    public static partial void RuntimeLoaded(ILogger logger, string version, string build, string directory, string backend, string cpu, string systemInfo);

    [LoggerMessage(EventId = 2, Message = "llama.cpp: {Message}")]
    public static partial void NativeMessage(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "An inference step failed; its sequences were ended and their cache cleared")]
    public static partial void StepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Native allocator: {Setting}")]
    public static partial void Allocator(ILogger logger, string setting);
}
