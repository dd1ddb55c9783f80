using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Management;

/// <summary>
/// Artifact repositories: <c>GET /api/v1/artifact-repositories</c> (those the caller may read),
/// <c>POST</c> (create: key, type <c>generic</c>|<c>maven</c>, allowRedeploy, description), <c>GET</c>/<c>PATCH</c>/<c>DELETE
/// /api/v1/artifact-repositories/{key}</c>. Creating, changing and deleting need the admin role on the key (as a
/// namespace) or globally; audited as artifact-repository.create / .update / .delete.
/// </summary>
internal static class ArtifactRepositoryEndpoints
{
    public sealed record ArtifactRepositoryRequest(string? Key, string? Type, bool? AllowRedeploy, string? Description);

    private const int MaxDescription = 1000;

    public static RouteGroupBuilder MapArtifactRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories", ListAsync);
        api.MapPost("/artifact-repositories", CreateAsync);
        api.MapGet("/artifact-repositories/{key}", GetAsync);
        api.MapMethods("/artifact-repositories/{key}", [HttpMethods.Patch], UpdateAsync);
        api.MapDelete("/artifact-repositories/{key}", DeleteAsync);
        return api;
    }

    public static object Json(HttpContext context, ArtifactRepository r) => new
    {
        key = r.Key,
        type = TypeName(r.Type),
        allowRedeploy = r.AllowRedeploy,
        description = r.Description,
        createdAt = r.CreatedAt,
        createdBy = r.CreatedBy,
        url = $"{ArtifactServices.BaseUri(context)}/{r.Key}",
    };

    private static async Task<IResult> ListAsync(ManagementCaller caller, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        IReadOnlyList<ArtifactRepository> all = await store.ListArtifactRepositoriesAsync(context.RequestAborted);
        return Results.Ok(new { repositories = all.Where(r => CanRead(caller, r.Key)).Select(r => Json(context, r)).ToList() });
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        ArtifactRepository? repository = await store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        return repository is not null && CanRead(caller, key)
            ? Results.Ok(Json(context, repository))
            : ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, ArtifactRepositoryRequest body, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        if (ArtifactRepositoryKeys.Error(body.Key) is { } keyError)
        {
            return ManagementCaller.BadRequest("key", keyError);
        }

        ArtifactRepositoryType? type = body.Type switch
        {
            null or "generic" => ArtifactRepositoryType.Generic,
            "maven" => ArtifactRepositoryType.Maven,
            _ => null,
        };
        if (type is null)
        {
            return ManagementCaller.BadRequest("type", $"type '{body.Type}' is unknown; use 'generic' or 'maven'");
        }

        if (body.Description?.Length > MaxDescription)
        {
            return ManagementCaller.BadRequest("description", $"description is limited to {MaxDescription} characters");
        }

        if (!MayAdminister(caller, body.Key!))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not create artifact repository '{body.Key}': that needs the admin role on '{body.Key}' or globally");
        }

        var repository = new ArtifactRepository(body.Key!, type.Value, body.AllowRedeploy ?? false, body.Description, services.Time.GetUtcNow(), caller.Caller.Subject);
        if (!await store.CreateArtifactRepositoryAsync(repository, context.RequestAborted))
        {
            return ManagementCaller.Conflict($"artifact repository '{body.Key}' exists already");
        }

        services.Audit.Record(context, "artifact-repository.create", repository.Key, $"type={body.Type ?? "generic"} allowRedeploy={repository.AllowRedeploy}");
        return Results.Created($"/api/v1/artifact-repositories/{repository.Key}", Json(context, repository));
    }

    private static async Task<IResult> UpdateAsync(ManagementCaller caller, string key, ArtifactRepositoryRequest body, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        CancellationToken ct = context.RequestAborted;
        if (await store.GetArtifactRepositoryAsync(key, ct) is not { } current || !CanRead(caller, key))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        if (!MayAdminister(caller, key))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not change artifact repository '{key}': that needs the admin role on '{key}' or globally");
        }

        if ((body.Key is not null && body.Key != key) || (body.Type is not null && body.Type != TypeName(current.Type)))
        {
            return ManagementCaller.BadRequest(body.Key is not null && body.Key != key ? "key" : "type", "the key and type of an artifact repository cannot change; create another repository");
        }

        bool allowRedeploy = body.AllowRedeploy ?? current.AllowRedeploy;
        string? description = body.Description ?? current.Description;
        await store.UpdateArtifactRepositoryAsync(key, allowRedeploy, description, ct);
        services.Audit.Record(context, "artifact-repository.update", key, $"allowRedeploy={allowRedeploy}");
        return Results.Ok(Json(context, current with { AllowRedeploy = allowRedeploy, Description = description }));
    }

    private static async Task<IResult> DeleteAsync(ManagementCaller caller, string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        if (!CanRead(caller, key) && !MayAdminister(caller, key))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        if (!MayAdminister(caller, key))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not delete artifact repository '{key}': that needs the admin role on '{key}' or globally");
        }

        ArtifactDeletion? deleted = await store.DeleteArtifactRepositoryAsync(key, context.RequestAborted);
        if (deleted is null)
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        services.Audit.Record(context, "artifact-repository.delete", key, ArtifactResults.Describe(deleted));
        return Results.NoContent();
    }

    private static string TypeName(ArtifactRepositoryType type) => type == ArtifactRepositoryType.Maven ? "maven" : "generic";

    private static bool CanRead(ManagementCaller caller, string key)
        => Core.Primitives.RepositoryName.TryParse(key, out var name) && caller.Permissions.Allows(name, AccessAction.Pull);

    private static bool MayAdminister(ManagementCaller caller, string key)
        => caller.Permissions.IsGlobalAdmin
            || (AccessScope.TryCreate(ScopeKind.Namespace, key, out AccessScope? scope) && (caller.Permissions.OnScope(scope.Value) & AccessAction.Administer) != 0);
}
