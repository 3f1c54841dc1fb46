using System.Text;
using System.Text.Json;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>Passes a server-sent-events body through unchanged while reading each <c>data:</c> line for timings.</summary>
internal sealed class SseTapStream(Stream inner, TimingsCapture capture) : Stream
{
    private readonly MemoryStream _line = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Observe(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Observe(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _line.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Observe(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                Line(Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r'));
                _line.SetLength(0);
            }
            else
            {
                _line.WriteByte(b);
            }
        }
        return bytes.Length;
    }

    private void Line(string line)
    {
        if (!line.StartsWith("data:", StringComparison.Ordinal) || !line.Contains("\"timings\"", StringComparison.Ordinal))
        {
            return;
        }
        try
        {
            using var chunk = JsonDocument.Parse(line.AsMemory(5));
            capture.Timings = ServerTimings.From(chunk.RootElement) ?? capture.Timings;
            if (chunk.RootElement.TryGetProperty("system_fingerprint", out var f) && f.ValueKind == JsonValueKind.String)
            {
                capture.Fingerprint = f.GetString();
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: the SDK reports malformed events.
        }
    }
}
