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

        IQueryCollection q = context.Request.Query;
        int limit = RetentionRunEndpoints.DefaultLimit;
        if (q["limit"].Count > 0 && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > RetentionRunEndpoints.MaxLimit))
        {
            return ManagementCaller.BadRequest($"limit is a number from 1 to {RetentionRunEndpoints.MaxLimit}");
        }

        long? before = null;
        if (q["before"].Count > 0)
        {
            if (!long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out long cursor))
            {
                return ManagementCaller.BadRequest("before is the next cursor of a previous page");
            }

            before = cursor;
        }

        IReadOnlyList<ArtifactRetentionRun> page = await history.ListRetentionRunsAsync(key, before, limit, context.RequestAborted);
        long? next = page.Count == limit ? page[^1].Id : null;
        return Results.Ok(new ArtifactRetentionRunPage([.. page.Select(ArtifactRetentionRunModel.From)], next));
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
            : Results.Ok(ArtifactRetentionRunModel.From(run));
    }
}
