using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>The ModelStore web app in-process with test settings; a second one over the same folder is a restart.</summary>
internal sealed class StoreHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
