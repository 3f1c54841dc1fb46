using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EdgeAspire.ModelStore.Cli;

/// <summary>The console and the store's services, built on first use so a usage error needs no configuration.</summary>
internal sealed class CliContext(IReadOnlyList<string> settingArgs, IAnsiConsole console) : IAsyncDisposable
{
    private ServiceProvider? _services;

    public IAnsiConsole Console { get; } = console;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    private ServiceProvider Services => _services ??= Build();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settingArgs])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddModelStoreCore()
            .BuildServiceProvider(validateScopes: true);
        _ = services.GetRequiredService<IOptions<ModelStoreOptions>>().Value; // what ValidateOnStart does for the server
        return services;
    }

    public ValueTask DisposeAsync() => _services?.DisposeAsync() ?? ValueTask.CompletedTask;
}
