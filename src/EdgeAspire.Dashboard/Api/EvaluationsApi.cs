using EdgeAspire.Dashboard.Evaluations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Api;

/// <summary>Start Evaluator runs, follow them, open their report.</summary>
internal static class EvaluationsApi
{
    public static void MapEvaluationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/evaluations").DisableAntiforgery();
        api.MapGet("/", List);
        api.MapPost("/", Start);
        api.MapGet("/{id}", Get);
        api.MapGet("/{id}/report", Report);
    }

    private static JsonHttpResult<object> List(IEvaluationLauncher launcher, IOptions<DashboardOptions> options) => TypedResults.Json<object>(new
    {
        available = launcher.IsAvailable,
        workloads = EvaluationRequest.Workloads,
        defaultEndpoint = options.Value.DefaultEvaluationEndpoint,
        runs = launcher.List(),
    }, DashboardJson.Options);

    private static Results<Created<EvaluationRunStatus>, BadRequest<string>, ProblemHttpResult> Start(IEvaluationLauncher launcher, EvaluationRequest? request)
    {
        if (request is null)
        {
            return TypedResults.BadRequest("a JSON body {workload, endpoint, model, limit} is required");
        }
        if (!launcher.IsAvailable)
        {
            return TypedResults.Problem("no Evaluator is configured (Dashboard:EvaluatorPath)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            var run = launcher.Start(request);
            return TypedResults.Created($"/api/evaluations/{run.Id}", run);
        }
        catch (ArgumentException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
    }

    private static Results<JsonHttpResult<EvaluationRunStatus>, NotFound> Get(IEvaluationLauncher launcher, string id) =>
        launcher.Find(id) is { } run ? TypedResults.Json(run, DashboardJson.Options) : TypedResults.NotFound();

    /// <summary>Only the report file the launcher recorded for the run is served: no path comes from the request.</summary>
    private static Results<PhysicalFileHttpResult, NotFound<string>> Report(IEvaluationLauncher launcher, string id) =>
        launcher.Find(id) is { ReportHtml: { } html } && Path.IsPathFullyQualified(html) && File.Exists(html)
            ? TypedResults.PhysicalFile(html, "text/html; charset=utf-8")
            : TypedResults.NotFound($"run {id} has no report (yet)");
}
