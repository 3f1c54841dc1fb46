using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeAspire.Dashboard.Tests.Infrastructure;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>The receiver's HTTP contract: gzip, OTLP success, and bad input answered with a message, never a crash.</summary>
public sealed class OtlpReceiverTests
{
    private static ByteArrayContent Protobuf(byte[] body, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return content;
    }

    private static byte[] Gzip(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }
        return buffer.ToArray();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Accepts_a_span_plain_or_gzipped_in_either_field_order_with_an_empty_protobuf_response(bool gzip, bool scopeFirst)
    {
        await using var host = await DashboardHost.StartAsync();
        var body = OtlpBodies.OneSpan("svc", "hand-made", scopeFirst);

        using var response = await host.Client.PostAsync("v1/traces", Protobuf(gzip ? Gzip(body) : body, gzip ? "gzip" : null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var span = Assert.Single(host.Store.Spans());
        Assert.Equal(("svc", "hand-made", "scope", 500.0), (span.Resource.ServiceName, span.Name, span.Scope, span.DurationMs));
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", span.TraceId);
    }

    [Theory]
    [InlineData("traces")]
    [InlineData("metrics")]
    [InlineData("logs")]
    public async Task Malformed_protobuf_gets_400_with_a_message_and_the_receiver_keeps_working(string signal)
    {
        await using var host = await DashboardHost.StartAsync();

        // A length-delimited field 1 claiming 100 bytes where 3 follow; a gzip header then a reserved deflate block type.
        using var truncated = await host.Client.PostAsync($"v1/{signal}", Protobuf([0x0A, 100, 1, 2, 3]), TestContext.Current.CancellationToken);
        using var corruptGzip = await host.Client.PostAsync($"v1/{signal}", Protobuf([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF], "gzip"), TestContext.Current.CancellationToken);
        using var fine = await host.Client.PostAsync("v1/traces", Protobuf(OtlpBodies.OneSpan("svc", "after")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("not a valid OTLP protobuf message", await truncated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, corruptGzip.StatusCode);
        Assert.Contains("gzip", await corruptGzip.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal("after", Assert.Single(host.Store.Spans()).Name);
    }

    [Fact]
    public async Task Values_nested_too_deep_get_400()
    {
        await using var host = await DashboardHost.StartAsync();
        // AnyValue{array_value{values: AnyValue{array_value{…}}}} 40 levels deep, as a resource attribute.
        var value = new byte[] { 0x0A, 1, (byte)'x' };
        for (var i = 0; i < 40; i++)
        {
            byte[] array = [0x0A, .. Varint(value.Length), .. value];
            value = [0x2A, .. Varint(array.Length), .. array];
        }
        byte[] keyValue = [0x0A, 1, (byte)'k', 0x12, .. Varint(value.Length), .. value];
        byte[] attributes = [0x0A, .. Varint(keyValue.Length), .. keyValue];
        byte[] resource = [0x0A, .. Varint(attributes.Length), .. attributes];
        byte[] body = [0x0A, .. Varint(resource.Length), .. resource];

        using var response = await host.Client.PostAsync("v1/traces", Protobuf(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nest deeper", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_also_when_they_only_grow_past_it_once_gunzipped()
    {
        await using var host = await DashboardHost.StartAsync(o => o.MaxRequestBodyBytes = 4096);

        using var large = await host.Client.PostAsync("v1/logs", Protobuf(new byte[5000]), TestContext.Current.CancellationToken);
        using var bomb = await host.Client.PostAsync("v1/logs", Protobuf(Gzip(new byte[1_000_000]), "gzip"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Contains("exceeds 4096 bytes", await bomb.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Json_bodies_get_415_naming_the_protocol_to_use()
    {
        await using var host = await DashboardHost.StartAsync();

        using var response = await host.Client.PostAsync("v1/traces", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("http/protobuf", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return [.. bytes];
    }
}
