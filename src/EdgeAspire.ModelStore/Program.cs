using EdgeAspire.ModelStore;
using EdgeAspire.ModelStore.Cli;

if (StoreCli.IsCommand(args))
{
    return await StoreCli.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddModelStoreServices();

var app = builder.Build();

app.MapModelStoreApi();
app.MapDefaultEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
#pragma warning disable CA1515 // WebApplicationFactory<Program> needs a public type
public partial class Program;
#pragma warning restore CA1515
