using EdgeAspire.Hosting;
using EdgeAspire.Hosting.ApplicationModel;

// `dotnet run` runs this locally; `-- evaluate …` adds an Evaluator run; `-- publish k3s` writes manifests instead.
var builder = EdgeApplication.CreateBuilder(args);

var store = builder.AddModelStore("modelstore");

// One worker per model: the --model-file files, else the catalog's small default chat model.
var workers = builder.ModelsToServe()
    .Select(model => builder.AddPromptApi(ResourceNames.FromModelId("worker", model.Id)).WithModel(model).WithReference(store).WaitFor(store))
    .ToList();

var gateway = builder.AddGateway("gateway", workers);

builder.AddEvaluator("evaluator", gateway);

await using var app = builder.Build();
return await app.RunAsync();
