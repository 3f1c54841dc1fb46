using Aspire.Hosting.Pipelines;
using EdgeAspire.Hosting.Publishing.Input;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The K3s environment's step of Aspire's publish pipeline: <c>--operation publish --step publish-k3s --output-path
/// DIR</c>, <c>aspire publish -o DIR</c>, or our short form <c>publish k3s --output DIR</c>. It needs no Docker.
/// </summary>
internal static class K3sPublishStep
{
    public static async Task RunAsync(K3sEnvironmentResource environment, PipelineStepContext context)
    {
        try
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var settings = environment.Settings.With(context.Services.GetRequiredService<IConfiguration>());
            var resources = await PublishedModel.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken).ConfigureAwait(false);
            var files = K3sManifests.Create(resources, settings, Console.Out);
            ManifestFolder.Write(output, files);
            Console.Out.WriteLine($"wrote {files.Count} files to {output}: see README.md there (one secret to create, then kubectl apply -k)");
        }
        catch (Exception e)
        {
            // Aspire fails the step, but a publish under `dotnet run` still exits 0 and the short form mutes its
            // log: say it here, in one line for what the user can fix, with the stack trace for a bug of ours.
            var refusal = e is PublishRefusedException or AppHostUsageException or IOException or UnauthorizedAccessException;
            await Console.Error.WriteLineAsync(refusal ? $"error: {e.Message}" : $"error: publishing failed: {e}").ConfigureAwait(false);
            Environment.ExitCode = refusal ? 2 : 1;
            throw;
        }
    }
}
