using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Api.Management.Access;
using Registry.Api.Management.Models;
using Registry.Api.Management.Problems;
using Registry.Api.Manifests;
using Registry.Api.Transfer;
using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Api.Management;

/// <summary>
/// Air-gapped transfer for global admins: <c>POST /api/v1/exports</c> (a filter in JSON; answers the layout as a tar
/// stream) and <c>POST /api/v1/imports[?repository=NAME]</c> (a layout tar as the body; unpacked to a temporary
/// directory, every digest verified, 400 listing the mismatches with nothing imported). See docs/airgap.md.
/// </summary>
internal static class TransferEndpoints
{
    public const string TarMediaType = "application/x-tar";

    public static RouteGroupBuilder MapTransferEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/exports", ExportAsync).RequireGlobalAdmin("exporting");
        api.MapPost("/imports", ImportAsync).RequireGlobalAdmin("importing");
        return api;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ExportService exports, TimeProvider time)
    {
        ExportRequest request = new(null, null, null, false);
        if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
        {
            (ExportRequest? body, IResult? invalid) = await ManagementJson.ReadAsync<ExportRequest>(context);
            if (body is null)
            {
                return invalid!;
            }

            request = body;
        }

        if (TransferFilter.TryCreate(
            request.Repositories, request.Tags, request.Versions, request.IncludeUntagged, request.ArtifactRepositories, request.ArtifactPaths,
            out TransferFilter? filter) is { } problem)
        {
            return ManagementCaller.BadRequest("filter", problem);
        }

        CancellationToken ct = context.RequestAborted;
        (ExportPlan? plan, string? planProblem) = await exports.PlanAsync(filter!, ct);
        if (plan is null)
        {
            return ManagementCaller.Conflict(planProblem!);
        }

        return new ExportTarResult(plan, exports, context.GetActor(), time.GetUtcNow());
    }

    private static async Task<IResult> ImportAsync(HttpContext context, string? repository, ImportService imports, IOptions<ManifestSettings> manifestSettings)
    {
        RepositoryName? defaultRepository = null;
        if (repository is not null && !RepositoryName.TryParse(repository, out defaultRepository))
        {
            return ManagementCaller.BadRequest("repository", $"'{repository}' is not a valid repository name");
        }

        CancellationToken ct = context.RequestAborted;
        using var layout = new TemporaryLayout();
        if (await TarLayoutReader.ExtractAsync(context.Request.Body, layout.Path, ct) is { } unreadable)
        {
            return ManagementCaller.BadRequest("body", unreadable);
        }

        ImportResult result = await imports.ImportAsync(
            context.GetActor(), layout.Path, new ImportOptions(defaultRepository, manifestSettings.Value.MaxBytes), null, ct);
        if (result.Refused)
        {
            return ApiProblems.Create(
                ApiProblemCode.InvalidRequest,
                StatusCodes.Status400BadRequest,
                $"the layout did not verify; nothing was imported: {result.Problems[0]}",
                new Dictionary<string, string[]> { ["layout"] = [.. result.Problems] });
        }

        return TypedResults.Ok(ImportResultModel.From(result));
    }

    /// <summary>Streams the planned export as the response body; a blob that fails its digest on the way aborts the response, so the client sees a broken transfer rather than a bad layout.</summary>
    private sealed class ExportTarResult(ExportPlan plan, ExportService exports, Core.Changes.Actor actor, DateTimeOffset now) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = TarMediaType;
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"registry-export-{now:yyyyMMdd-HHmmss}.tar\"";
            var writer = new TarLayoutWriter(context.Response.Body, now);
            ExportResult result = await exports.WriteAsync(actor, plan, writer, null, context.RequestAborted);
            if (!result.Succeeded)
            {
                context.Abort();
            }
        }
    }
}
