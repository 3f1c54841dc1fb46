using System.Text.Json;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

internal sealed record SseEvent(string Type, JsonElement Data);

/// <summary>Reads <c>event:</c>/<c>data:</c> blocks from a server-sent events response.</summary>
internal static class Sse
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var type = "message";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                yield return new SseEvent(type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                type = "message";
            }
        }
    }
}
