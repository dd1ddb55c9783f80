using Registry.Api.Lineage;
using Registry.Api.Management.Problems;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>
/// Base-image lineage: <c>GET /api/v1/lineage?base=repo:tag</c> lists the images built on a base tag (current or
/// stale), and <c>GET /api/v1/repositories/{name}/manifests/{digest}/base</c> names an image's base.
/// </summary>
internal static class LineageEndpoints
{
    public static RouteGroupBuilder MapLineageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/lineage", ListAsync);
        return api;
    }

    public static void Register(RepositoryRoutes routes) => routes.Map("GET", "manifests/{digest}/base", GetBaseAsync);

    private static async Task<IResult> ListAsync(ManagementCaller caller, string? @base, HttpContext context, ManagementServices services, LineageService lineage)
    {
        int colon = @base?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !RepositoryName.TryParse(@base![..colon], out RepositoryName? repository) || !TagName.TryParse(@base[(colon + 1)..], out TagName? tag))
        {
            return ManagementCaller.BadRequest("base", "base must be a repository and tag, e.g. ?base=base/java:17");
        }

        if (!caller.Permissions.Allows(repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not pull from '{repository}'");
        }

        LineageReport report = await lineage.ListBuiltOnAsync(repository, tag, r => caller.Permissions.Allows(r, AccessAction.Pull), context.RequestAborted);
        return report.CurrentDigest is null && report.HistoricDigests.Count == 0
            ? ApiProblems.NotFound($"'{repository}:{tag}' has never been pushed")
            : TypedResults.Ok(report);
    }

    private static async Task<IResult> GetBaseAsync(RepositoryRequest request)
    {
        if (!request.Caller.Permissions.Allows(request.Repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not pull from '{request.Repository}'");
        }

        if (!Digest.TryParse(request["digest"], out Digest digest))
        {
            return ApiProblems.InvalidField("digest", $"'{request["digest"]}' is not a valid digest");
        }

        LineageService lineage = request.Context.RequestServices.GetRequiredService<LineageService>();
        BaseImage? found = await lineage.FindBaseAsync(request.Repository, digest, request.Aborted);
        if (found is null || !request.Caller.Permissions.Allows(found.Repository, AccessAction.Pull))
        {
            return TypedResults.Ok(new { repository = request.Repository.Value, digest = digest.Value, @base = (object?)null });
        }

        return TypedResults.Ok(new
        {
            repository = request.Repository.Value,
            digest = digest.Value,
            @base = new
            {
                repository = found.Repository.Value,
                digest = found.Digest.Value,
                layers = found.LayerCount,
                tags = found.Tags,

                // Tagged now: current. Untagged: every tag that pointed at it has moved on (or was deleted): rebuild.
                status = found.Tags.Count > 0 ? "current" : "stale",
            },
        });
    }
}
