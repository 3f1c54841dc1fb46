using EdgeAspire.PromptApi;
using EdgeAspire.PromptApi.Admission;

if (ProbeCommand.IsProbe(args))
{
    return await ProbeCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPromptApiServices();

var app = builder.Build();

app.MapPromptApi();
app.MapDefaultEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
#pragma warning disable CA1515 // WebApplicationFactory<Program> needs a public type
public partial class Program;
#pragma warning restore CA1515
