using EdgeAspire.Hosting;
using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

EdgeApplicationBuilder builder;
try
{
    builder = EdgeApplication.CreateBuilder(args);
}
catch (AppHostUsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var store = builder.AddModelStore("modelstore");

// One worker per model: the --model-file files, else the catalog's small default chat model.
var workers = builder.ModelsToServe()
    .Select(model => builder.AddPromptApi(ResourceNames.FromModelId("worker", model.Id)).WithModel(model).WithReference(store).WaitFor(store))
    .ToList();

var gateway = builder.AddGateway("gateway", workers);

builder.AddEvaluator("evaluator", gateway);

await using var app = builder.Build();
return await app.RunAsync();
