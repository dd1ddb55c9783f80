using System.Text.Json;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// <c>npm dist-tag add</c> (<c>PUT /-/package/{name}/dist-tags/{tag}</c> with the version as a JSON string) and
/// <c>npm dist-tag rm</c> (<c>DELETE</c> of the same URL); the tags live in <see cref="NpmPaths.DistTagsPath"/>.
/// </summary>
internal static class NpmDistTagHandler
{
    public static async Task<IResult> PutAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, string tag, ArtifactServices services)
    {
        if (NpmDistTags.TagError(tag) is { } tagError)
        {
            return NpmResults.BadRequest(tagError);
        }

        (JsonDocument? document, IResult? failure) = await NpmBody.ReadJsonAsync(context, NpmLimits.MaxTagLength + NpmLimits.MaxVersionLength);
        if (document is null)
        {
            return failure!;
        }

        string? version;
        using (document)
        {
            version = document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
        }

        if (version is null || !NpmVersion.IsValid(version))
        {
            return NpmResults.BadRequest($"send the version the tag '{tag}' points at as a JSON string, e.g. \"1.0.0\"");
        }

        NpmPackage? stored = await NpmPackageReader.LoadLocalAsync(services, target, name, context.RequestAborted);
        if (stored is null || !stored.Versions.ContainsKey(version))
        {
            return NpmResults.NotFound($"'{name}@{version}' does not exist in '{target.Key}'");
        }

        stored.DistTags[tag] = version;
        return await NpmFileWriter.WriteDistTagsAsync(context, services, target, name, stored.DistTags) ?? NpmResults.Ok($"{tag}: {name}@{version}");
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, string tag, ArtifactServices services)
    {
        SortedDictionary<string, string> tags = await NpmPackageReader.ReadDistTagsAsync(services, target, name, context.RequestAborted);
        if (!tags.Remove(tag))
        {
            return NpmResults.NotFound($"'{name}' has no dist-tag '{tag}' in '{target.Key}'");
        }

        return await NpmFileWriter.WriteDistTagsAsync(context, services, target, name, tags) ?? NpmResults.Ok($"-{tag}: {name}");
    }
}
