using EdgeAspire.Hosting;
using EdgeAspire.Hosting.Publishing;

// `dotnet run` starts the stack under Aspire (DCP, the dashboard); `-- --model-file a.gguf` serves local files;
// `-- publish k3s --output deploy/k3s` writes the K3s manifests instead (the same as Aspire's
// `--operation publish --step publish-k3s --output-path deploy/k3s`, and `aspire publish -o deploy/k3s`).
var builder = EdgeAppHost.CreateBuilder(args);

// What a user sets (`-- --Parameters:memory-budget=4000000000`, user secrets, or the dashboard): 0 = automatic.
var memoryBudget = builder.AddParameter("memory-budget", "0");
var parallelSequences = builder.AddParameter("parallel-sequences", "0");
var apiKey = builder.AddOptionalApiKey("api-key");

var store = builder.AddModelStore("modelstore");

// One worker per model: the --model-file files, else the catalog's small default chat model.
var workers = builder.ModelsToServe()
    .Select(model => builder.AddPromptApi(ResourceNames.FromModelId("worker", model.Id))
        .WithModel(model)
        .WithMemoryBudget(memoryBudget)
        .WithParallelSequences(parallelSequences)
        .WithApiKey(apiKey)
        .WithReference(store).WaitFor(store))
    .ToList();

var gateway = builder.AddGateway("gateway", workers).WithApiKey(apiKey);

builder.AddEvaluator("evaluator", gateway).WithEndpointApiKey(apiKey);

// Where `publish` writes to: a K3s cluster of Raspberry Pi 5 nodes (8 GiB), images tagged with this release.
builder.AddK3sEnvironment("k3s").WithNodeMemory("8GiB");

builder.Build().Run();
