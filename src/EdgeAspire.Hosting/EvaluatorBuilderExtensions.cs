using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting;

/// <summary>
/// The Evaluator: not started with the application (a Job on K3s); locally its workloads are resource commands that
/// run it against the gateway, its output in the resource's console log and its report's path in the result.
/// Datasets come from the Hub unless <c>EdgeAspire:Datasets:Winogrande</c> / <c>:Oasst</c> name local files.
/// </summary>
public static class EvaluatorBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> AddEvaluator(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ProjectResource> gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var evaluator = builder.AddEdgeProject<EdgeProjects.EvaluatorProject>(name, ResourceRole.Evaluator)
            .WithReference(gateway).WaitFor(gateway).WithExplicitStart();
        if (!builder.ExecutionContext.IsRunMode)
        {
            return evaluator;
        }
        var runs = new EvaluationRuns(builder, evaluator.Resource, gateway.Resource);
        // Starting the resource itself (its Start button) runs the default: the paper's conversations, five of them.
        evaluator.WithArgs(context => runs.AddArguments(context.Args, EvaluationRuns.Conversations));
        builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) => runs.GatewayReadyAsync(e.Services));
        foreach (var workload in EvaluationRuns.Workloads)
        {
            evaluator.WithProcessCommand(workload.Command, workload.DisplayName,
                context => new ValueTask<ProcessCommandSpec>(runs.StartAsync(workload, context)),
                new ProcessCommandOptions
                {
                    Description = workload.Description,
                    IconName = "DataBarVertical",
                    UpdateState = _ => runs.CanStart ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                    GetCommandResult = runs.Finish,
                });
        }
        return evaluator;
    }

    /// <summary>The key the Evaluator sends to an endpoint that requires one (it reads <c>OPENAI_API_KEY</c>, as
    /// OpenAI's clients do); null leaves it without.</summary>
    public static IResourceBuilder<ProjectResource> WithEndpointApiKey(this IResourceBuilder<ProjectResource> evaluator, IResourceBuilder<ParameterResource>? key) =>
        key is null ? evaluator : evaluator.WithEnvironment("OPENAI_API_KEY", key);
}
