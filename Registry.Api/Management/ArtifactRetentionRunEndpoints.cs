using System.Globalization;
using Registry.Api.Management.Models;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Management;

/// <summary>
/// An artifact repository's retention run history (dry, manual and scheduled runs, newest first):
/// <c>GET /api/v1/artifact-repositories/{key}/retention/runs</c> (<c>?limit=</c>, <c>?before=</c> the <c>next</c>
/// cursor of the previous page, as <c>/api/v1/retention/runs</c> pages) and <c>GET .../retention/runs/{id}</c> with
/// the run's details. Reading it needs read access to the repository.
/// </summary>
internal static class ArtifactRetentionRunEndpoints
{
    public static RouteGroupBuilder MapArtifactRetentionRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories/{key}/retention/runs", ListAsync);
        api.MapGet("/artifact-repositories/{key}/retention/runs/{id}", GetAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(string key, HttpContext context, ManagementServices services, IArtifactStore store, IArtifactRetentionStore history)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ArtifactRetentionEndpoints.ResolveAsync(key, AccessAction.Pull, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        (RunPageQuery? paging, IResult? invalid) = RunPageQuery.Read(context.Request.Query);
        if (paging is null)
        {
            return invalid!;
        }

        IReadOnlyList<ArtifactRetentionRun> page = await history.ListRetentionRunsAsync(key, paging.Before, paging.Limit, context.RequestAborted);
        return TypedResults.Ok(new ArtifactRetentionRunPage([.. page.Select(ArtifactRetentionRunModel.From)], page.Count == 0 ? null : paging.Next(page.Count, page[^1].Id)));
    }

    private static async Task<IResult> GetAsync(string key, string id, HttpContext context, ManagementServices services, IArtifactStore store, IArtifactRetentionStore history)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ArtifactRetentionEndpoints.ResolveAsync(key, AccessAction.Pull, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        ArtifactRetentionRun? run = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? await history.GetRetentionRunAsync(key, value, context.RequestAborted)
            : null;
        return run is null
            ? ManagementCaller.NotFound($"artifact repository '{key}' has no retention run '{id}'")
            : TypedResults.Ok(ArtifactRetentionRunModel.From(run));
    }
}
