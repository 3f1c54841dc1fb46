using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_ok_with_a_model_present()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });

        using var health = await server.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        using var alive = await server.Client.GetAsync(new Uri("/alive", UriKind.Relative), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
    }
}
