using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>/artifactory/api/storage/{repo}/{path}</c>: file info (checksums, size, dates, who), folder info (children),
/// <c>?properties[=a,b]</c> to read properties, <c>PUT ?properties=a=1|b=2,3</c> to set them (on a file, or on
/// every file under a folder) and <c>DELETE ?properties=a,b</c> to remove them.
/// </summary>
internal static class StorageApiHandlers
{
    private const string PropertiesParameter = "properties";

    public static async Task<IResult> GetAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        (ArtifactPath? path, _, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Pull);
        if (path is null)
        {
            return failure!;
        }

        ArtifactFile? file = path.IsRoot ? null : await services.Store.GetFileAsync(route.Key, path.Value, ct);
        if (context.Request.Query.TryGetValue(PropertiesParameter, out var requested))
        {
            HashSet<string>? names = string.IsNullOrEmpty(requested.ToString()) ? null : [.. requested.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            return file is { Properties.Count: > 0 } && (names is null || file.Properties.Any(p => names.Contains(p.Name)))
                ? Results.Json(ArtifactJson.Properties(context, file, names))
                : ArtifactResults.NotFound($"No properties could be found on '{route.Key}/{path.Value}'");
        }

        if (file is not null)
        {
            return Results.Json(ArtifactJson.File(context, file));
        }

        IReadOnlyList<ArtifactFile> files = await services.Store.ListFilesAsync(route.Key, path.Value, ct);
        return files.Count > 0 || path.IsRoot
            ? Results.Json(ArtifactJson.Folder(context, route.Key, path.Value, files))
            : ArtifactResults.NotFound($"'{route.Key}/{path.Value}' does not exist");
    }

    public static async Task<IResult> PutAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        (ArtifactPath? path, _, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Push);
        if (path is null)
        {
            return failure!;
        }

        string? text = context.Request.Query[PropertiesParameter];
        if (string.IsNullOrEmpty(text))
        {
            return ArtifactResults.BadRequest("set properties with ?properties=name=value|name2=value2,value3");
        }

        return Answer(await services.Artifacts.SetPropertiesAsync(context.GetActor(), route.Key, path.Value, text, context.RequestAborted));
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        (ArtifactPath? path, _, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Push);
        if (path is null)
        {
            return failure!;
        }

        string? text = context.Request.Query[PropertiesParameter];
        string[] names = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return ArtifactResults.BadRequest("name the properties to delete with ?properties=name1,name2");
        }

        return Answer(await services.Artifacts.DeletePropertiesAsync(context.GetActor(), route.Key, path.Value, names, context.RequestAborted));
    }

    private static IResult Answer(ArtifactChangeResult result) => result.Status switch
    {
        ArtifactChangeStatus.Done => Results.NoContent(),
        ArtifactChangeStatus.NotFound => ArtifactResults.NotFound(result.Message!),
        _ => ArtifactResults.BadRequest(result.Message!),
    };
}
