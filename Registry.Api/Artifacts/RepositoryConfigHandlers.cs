using System.Text.Json;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// Artifactory's repository configuration API: <c>GET /api/repositories</c> (the list, filtered by <c>?type=</c>
/// and <c>?packageType=</c>), and for one key <c>GET</c> (its configuration JSON), <c>PUT</c> (create), <c>POST</c>
/// (update: fields absent keep their value) and <c>DELETE</c>. Success answers are Artifactory's plain-text
/// messages; refusals its JSON errors. The rules are <see cref="ArtifactRepositoryService"/>'s.
/// </summary>
internal static class RepositoryConfigHandlers
{
    /// <summary><c>GET /artifactory/api/repositories</c>: the repositories the caller may read.</summary>
    public static async Task<IResult> ListAsync(HttpContext context, ArtifactServices services)
    {
        (Func<string, bool>? canRead, IResult? error) = await services.ReadFilterAsync(context);
        if (canRead is null)
        {
            return error!;
        }

        string? type = context.Request.Query["type"].FirstOrDefault()?.ToLowerInvariant();
        string? packageType = context.Request.Query["packageType"].FirstOrDefault()?.ToLowerInvariant();
        if (type is { Length: > 0 } && RepositoryNames.ParseClass(type) is null)
        {
            return ArtifactResults.BadRequest($"type '{type}' is unknown; use local, remote or virtual");
        }

        IReadOnlyList<ArtifactRepository> repositories = await services.Store.ListArtifactRepositoriesAsync(context.RequestAborted);
        return Results.Json(repositories
            .Where(r => canRead(r.Key))
            .Where(r => type is not { Length: > 0 } || RepositoryNames.Of(r.Class) == type)
            .Where(r => packageType is not { Length: > 0 } || RepositoryNames.Of(r.Type) == packageType)
            .Select(r => RepositoryConfigJson.ListEntry(context, r))
            .ToList());
    }

    /// <summary><c>GET /artifactory/api/repositories/{key}</c>: the configuration, for readers of the key.</summary>
    public static async Task<IResult> GetAsync(HttpContext context, string key, ArtifactServices services)
    {
        if (await services.AuthorizeAsync(context, key, AccessAction.Pull) is { } refused)
        {
            return refused;
        }

        return await services.Store.GetArtifactRepositoryAsync(key, context.RequestAborted) is { } repository
            ? Results.Json(RepositoryConfigJson.Config(repository))
            : NoRepository(key);
    }

    /// <summary><c>PUT</c>: creates the repository; <c>rclass</c> is required, the body's key (when given) is the path's.</summary>
    public static async Task<IResult> CreateAsync(HttpContext context, string key, ArtifactServices services, ArtifactRepositoryService repositories)
    {
        (ArtifactRepositoryInput? input, Permissions? permissions, IResult? error) = await ReadAsync(context, key, services);
        if (input is null)
        {
            return error!;
        }

        if (input.Class is null)
        {
            return ArtifactResults.BadRequest("rclass is required: local, remote or virtual");
        }

        (ArtifactChangeResult result, ArtifactRepository? created) = await repositories.CreateAsync(
            context.GetActor(), permissions!, input with { Key = key }, context.RequestAborted);
        return created is not null
            ? Results.Text($"Successfully created repository '{key}'", "text/plain")
            : Refused(context, result, StatusCodes.Status400BadRequest);
    }

    /// <summary><c>POST</c>: changes the fields given.</summary>
    public static async Task<IResult> UpdateAsync(HttpContext context, string key, ArtifactServices services, ArtifactRepositoryService repositories)
    {
        (ArtifactRepositoryInput? input, Permissions? permissions, IResult? error) = await ReadAsync(context, key, services);
        if (input is null)
        {
            return error!;
        }

        if (await services.Store.GetArtifactRepositoryAsync(key, context.RequestAborted) is not { } current)
        {
            return NoRepository(key);
        }

        (ArtifactChangeResult result, ArtifactRepository? changed) = await repositories.UpdateAsync(
            context.GetActor(), permissions!, current, input, context.RequestAborted);
        return changed is not null
            ? Results.Text($"Repository {key} update successfully.", "text/plain")
            : Refused(context, result, StatusCodes.Status409Conflict);
    }

    /// <summary><c>DELETE</c>: removes the repository and its files; refused while a virtual repository has it as a member.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext context, string key, ArtifactServices services, ArtifactRepositoryService repositories)
    {
        (Permissions? permissions, IResult? error) = await services.PermissionsAsync(context);
        if (permissions is null)
        {
            return error!;
        }

        (ArtifactChangeResult result, _) = await repositories.DeleteAsync(context.GetActor(), permissions, key, context.RequestAborted);
        return result.Succeeded
            ? Results.Text($"Repository '{key}' and all its content have been removed successfully.", "text/plain")
            : Refused(context, result, StatusCodes.Status409Conflict);
    }

    private static async ValueTask<(ArtifactRepositoryInput? Input, Permissions? Permissions, IResult? Error)> ReadAsync(
        HttpContext context, string key, ArtifactServices services)
    {
        (Permissions? permissions, IResult? error) = await services.PermissionsAsync(context);
        if (permissions is null)
        {
            return (null, null, error);
        }

        JsonElement body;
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, null, ArtifactResults.BadRequest($"the body is not valid JSON: {e.Message}"));
        }

        (ArtifactRepositoryInput? input, string? problem) = RepositoryConfigJson.Read(body);
        if (input is null)
        {
            return (null, null, ArtifactResults.BadRequest(problem!));
        }

        if (input.Key is not null && input.Key != key)
        {
            return (null, null, ArtifactResults.BadRequest($"the key in the body ('{input.Key}') is not the key in the path ('{key}')"));
        }

        return (input, permissions, null);
    }

    /// <summary>
    /// A refusal in Artifactory's error shape: 400 for bad input, 401/403 when the caller may not, 404 for an unknown
    /// key, and <paramref name="conflictStatus"/> for a conflict: 400 for a create whose key exists already (as
    /// Artifactory answers), 409 for a delete of a member of a virtual repository.
    /// </summary>
    private static IResult Refused(HttpContext context, ArtifactChangeResult result, int conflictStatus) => result.Status switch
    {
        ArtifactChangeStatus.Denied => ArtifactServices.Forbidden(context, result.Message!),
        ArtifactChangeStatus.NotFound => ArtifactResults.NotFound(result.Message!),
        ArtifactChangeStatus.Conflict => ArtifactResults.Error(conflictStatus, result.Message!),
        _ => ArtifactResults.BadRequest(result.Message!),
    };

    private static IResult NoRepository(string key) => ArtifactResults.NotFound($"repository '{key}' does not exist");
}
