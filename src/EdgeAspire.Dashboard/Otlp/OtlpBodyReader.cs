using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>Reads an export body, gunzipping it when the exporter compressed it, and stops at the size limit so a
/// large body (or a small gzip bomb) cannot take the dashboard's memory.</summary>
internal static class OtlpBodyReader
{
    public sealed class TooLargeException(long limit) : Exception($"the body exceeds {limit} bytes (Dashboard:MaxRequestBodyBytes)");

    public static async Task<byte[]> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new TooLargeException(limit);
        }
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream source = request.Body;
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            source = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        }
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new OtlpFormatException($"Content-Encoding '{encoding}' is not supported (gzip or none)");
        }

        await using (source.ConfigureAwait(false))
        {
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > limit)
                    {
                        throw new TooLargeException(limit);
                    }
                    body.Write(buffer, 0, read);
                }
            }
            catch (InvalidDataException e)
            {
                throw new OtlpFormatException($"the gzip body is corrupt: {e.Message}", e);
            }
            return body.ToArray();
        }
    }
}
