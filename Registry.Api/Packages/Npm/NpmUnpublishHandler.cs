using System.Text.Json;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// <c>npm unpublish</c>, as the client does it against a CouchDB-style registry (the maintainer role): the packument sent
/// back without a version (<c>PUT /{name}/-rev/{rev}</c>) removes that version's folder and moves its dist-tags, then
/// <c>DELETE /{name}/-/{file}.tgz/-rev/{rev}</c> removes its tarball; <c>DELETE /{name}/-rev/{rev}</c> removes the
/// whole package. The revision is not compared: a write applies to what is stored.
/// </summary>
internal static class NpmUnpublishHandler
{
    public static async Task<IResult> PutRevisionAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        (JsonDocument? document, IResult? failure) = await NpmBody.ReadJsonAsync(context, NpmLimits.MaxDocumentBytes);
        if (document is null)
        {
            return failure!;
        }

        NpmPackumentUpdate? update;
        string? error;
        using (document)
        {
            update = NpmPackumentUpdate.Read(name, document.RootElement, out error);
        }

        if (update is null)
        {
            return NpmResults.BadRequest(error!);
        }

        NpmPackage? stored = await NpmPackageReader.LoadLocalAsync(services, target, name, ct);
        if (stored is null)
        {
            return NpmResults.NotFound($"package '{name}' does not exist in '{target.Key}'");
        }

        foreach (string version in stored.Versions.Keys.Where(v => !update.Deprecations.ContainsKey(v)).ToList())
        {
            await services.Artifacts.DeleteAsync(context.GetActor(), target.Key, NpmPaths.VersionFolder(name, version), ct);
            stored.Versions.Remove(version);
        }

        if (await NpmPublishHandler.ApplyDeprecationsAsync(context, target, stored, update, services) is { } deprecationFailure)
        {
            return deprecationFailure;
        }

        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string tag, string version) in update.DistTags)
        {
            if (stored.Versions.ContainsKey(version))
            {
                tags[tag] = version;
            }
        }

        return await NpmFileWriter.WriteDistTagsAsync(context, services, target, name, tags) ?? NpmResults.Ok($"updated '{name}'");
    }

    /// <summary><c>DELETE /{name}/-rev/{rev}</c>: every version of the package and its metadata.</summary>
    public static async Task<IResult> DeletePackageAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, ArtifactServices services)
    {
        ArtifactDeletion versions = await services.Artifacts.DeleteAsync(context.GetActor(), target.Key, name.Folder, context.RequestAborted);
        ArtifactDeletion metadata = await services.Artifacts.DeleteAsync(context.GetActor(), target.Key, NpmPaths.MetadataFolder(name), context.RequestAborted);
        return versions.Files + metadata.Files > 0
            ? NpmResults.Ok($"unpublished '{name}'")
            : NpmResults.NotFound($"package '{name}' does not exist in '{target.Key}'");
    }

    /// <summary><c>DELETE /{name}/-/{file}.tgz/-rev/{rev}</c>: the version's folder (tarball and manifest), and dist-tags pointing at it.</summary>
    public static async Task<IResult> DeleteTarballAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, string file, ArtifactServices services)
    {
        if (NpmPaths.VersionOfTarball(name, file) is not { } version)
        {
            return NpmResults.NotFound($"'{file}' is not a tarball of '{name}'");
        }

        ArtifactDeletion deleted = await services.Artifacts.DeleteAsync(context.GetActor(), target.Key, NpmPaths.VersionFolder(name, version), context.RequestAborted);
        if (deleted.Files == 0)
        {
            return NpmResults.NotFound($"'{name}@{version}' does not exist in '{target.Key}'");
        }

        SortedDictionary<string, string> tags = await NpmPackageReader.ReadDistTagsAsync(services, target, name, context.RequestAborted);
        if (tags.Values.Contains(version, StringComparer.Ordinal))
        {
            foreach (string tag in tags.Where(t => t.Value == version).Select(t => t.Key).ToList())
            {
                tags.Remove(tag);
            }

            if (await NpmFileWriter.WriteDistTagsAsync(context, services, target, name, tags) is { } failure)
            {
                return failure;
            }
        }

        return NpmResults.Ok($"unpublished '{name}@{version}'");
    }
}
