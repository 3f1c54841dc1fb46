using System.Net;
using System.Net.Http.Headers;
using EdgeAspire.Dashboard.Tests.Infrastructure;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>Whatever bytes arrive, the receiver answers 200 (what it could decode) or 400 (with a reason), never a
/// server error: an exporter from another SDK version, or a corrupted proxy, must not take the dashboard down.</summary>
public sealed class OtlpReceiverFuzzTests
{
    private static byte[] Mutate(Random random, byte[] seed)
    {
        var body = seed.ToList();
        for (var edits = random.Next(1, 5); edits > 0 && body.Count > 0; edits--)
        {
            var at = random.Next(body.Count);
            switch (random.Next(4))
            {
                case 0: body[at] = (byte)random.Next(256); break;
                case 1: body.RemoveRange(at, body.Count - at); break;
                case 2: body.Insert(at, (byte)random.Next(256)); break;
                default: body.RemoveAt(at); break;
            }
        }
        return [.. body];
    }

    [Theory]
    [InlineData("traces")]
    [InlineData("metrics")]
    [InlineData("logs")]
    public async Task Mutated_and_random_bodies_get_200_or_400_and_never_a_server_error(string signal)
    {
        await using var host = await DashboardHost.StartAsync();
        var random = new Random(20261122);
        var seed = OtlpBodies.OneSpan("svc", "seed");
        var statuses = new HashSet<HttpStatusCode>();

        for (var i = 0; i < 400; i++)
        {
            var body = i % 10 == 0 ? Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256)).ToArray() : Mutate(random, seed);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await host.Client.PostAsync($"v1/{signal}", content, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"{response.StatusCode} for {Convert.ToHexString(body)}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], statuses.Order());
    }
}
