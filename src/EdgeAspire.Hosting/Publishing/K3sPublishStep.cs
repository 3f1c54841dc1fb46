using Aspire.Hosting;
using Aspire.Hosting.Pipelines;
using EdgeAspire.Hosting.Publishing.Input;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// K3s manifests as a step of Aspire's publish pipeline: <c>--operation publish --step publish-k3s --output-path
/// DIR</c>, <c>aspire publish -o DIR</c>, or our short form <c>publish k3s --output DIR</c>. It needs no Docker.
/// </summary>
internal static class K3sPublishStep
{
    public const string Name = "publish-k3s";

    public static void AddTo(IDistributedApplicationBuilder builder)
    {
        builder.Pipeline.AddStep(Name, async context =>
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var settings = builder.Configuration.GetSection(K3sArguments.ConfigurationSection).AsEnumerable()
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            var arguments = K3sArguments.FromSettings(settings, output);
            try
            {
                var resources = await PublishedModel.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken).ConfigureAwait(false);
                K3sPublisher.Publish(resources, arguments, Console.Out);
            }
            catch (Exception e)
            {
                // Aspire fails the step, but a publish under `dotnet run` still exits 0 and the short form mutes its
                // log: say it here, in one line for what the user can fix, with the stack trace for a bug of ours.
                var refusal = e is PublishRefusedException or AppHostUsageException or IOException or UnauthorizedAccessException;
                Console.Error.WriteLine(refusal ? $"error: {e.Message}" : $"error: publishing failed: {e}");
                Environment.ExitCode = refusal ? 2 : 1;
                throw;
            }
        }, dependsOn: WellKnownPipelineSteps.PublishPrereq, requiredBy: WellKnownPipelineSteps.Publish);
    }
}
