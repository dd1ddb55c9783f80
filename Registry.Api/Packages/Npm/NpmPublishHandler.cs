using System.Text.Json;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// <c>PUT /{name}</c>: <c>npm publish</c> (a document with the tarball attached, checked by <see cref="NpmPublishReader"/>)
/// or <c>npm deprecate</c> (the packument sent back with <c>deprecated</c> messages). A publish stores the tarball and
/// the version's <c>package.json</c>, then moves its dist-tags; a version that exists is refused with npm's 403 unless
/// the repository allows redeploy. Nothing is stored when a check fails. The body is spooled to a temp file
/// (<see cref="NpmPublishSpool"/>) and read from there without its tarball (<see cref="NpmPublishDocumentReader"/>); the
/// tarball is decoded from the file straight into the blob store, its integrity checked before the blob is committed.
/// </summary>
internal static class NpmPublishHandler
{
    public static async Task<IResult> PutAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, ArtifactServices services)
    {
        (FileStream? spooled, IResult? failure) = await context.RequestServices.GetRequiredService<NpmPublishSpool>().SpoolAsync(context);
        if (spooled is null)
        {
            return failure!;
        }

        await using (spooled)
        {
            NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(spooled, context.RequestAborted);
            if (read.Document is not { } document)
            {
                return read.Problem == NpmDocumentProblem.TooLarge
                    ? NpmResults.Error(StatusCodes.Status413PayloadTooLarge, $"{read.Error}, the most this registry accepts (docs/packages.md)")
                    : NpmResults.BadRequest(read.Error!);
            }

            using (document)
            {
                if (!NpmPublishReader.IsPublish(document.Root))
                {
                    return await DeprecateAsync(context, target, name, document.Root, services);
                }

                if (NpmPackageName.TryParse(name.Full, strict: true, out string? nameError) is null)
                {
                    return NpmResults.BadRequest($"'{name}' is not a valid package name: {nameError}");
                }

                if (NpmPublishReader.Read(name, document, out string? error) is not { } publish)
                {
                    return NpmResults.BadRequest(error!);
                }

                using (var packed = new NpmAttachmentStream(spooled, publish.Tarball, hashSha512: false))
                {
                    if (NpmPublishReader.TarballError(publish, packed) is { } tarballError)
                    {
                        return NpmResults.BadRequest(tarballError);
                    }
                }

                return await PublishAsync(context, target, publish, spooled, services);
            }
        }
    }

    private static async Task<IResult> PublishAsync(HttpContext context, ArtifactRepository target, NpmPublish publish, FileStream spooled, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        string tarballPath = NpmPaths.TarballPath(publish.Name, publish.Version);
        string manifestPath = NpmPaths.ManifestPath(publish.Name, publish.Version);
        if (!target.AllowRedeploy && (await services.Store.GetFileAsync(target.Key, manifestPath, ct) is not null
            || await services.Store.GetFileAsync(target.Key, tarballPath, ct) is not null))
        {
            return PublishedBefore(publish);
        }

        // Decoded from the spool file straight into the blob store; checked against dist before the blob is committed.
        IResult? tarballFailure;
        using (var tarball = new NpmAttachmentStream(spooled, publish.Tarball, hashSha512: true))
        {
            tarballFailure = await NpmFileWriter.PublishStreamAsync(
                context, services, target, tarballPath, tarball, content => NpmPublishReader.ContentError(publish, tarball, content.Sha1), "application/octet-stream");
        }

        if (tarballFailure is not null)
        {
            return IsExists(tarballFailure) ? PublishedBefore(publish) : tarballFailure;
        }
        if (await NpmFileWriter.PublishAsync(context, services, target, manifestPath, publish.Manifest, "application/json") is { } manifestFailure)
        {
            if (IsExists(manifestFailure))
            {
                return PublishedBefore(publish);
            }

            // Without its manifest the version is invisible and its tarball would block the next attempt.
            await services.Artifacts.DeleteAsync(context.GetActor(), target.Key, tarballPath, CancellationToken.None);
            return manifestFailure;
        }

        SortedDictionary<string, string> tags = await NpmPackageReader.ReadDistTagsAsync(services, target, publish.Name, ct);
        IEnumerable<string> moved = publish.Tags.Count > 0 ? publish.Tags : [NpmDistTags.Latest];
        foreach (string tag in moved)
        {
            tags[tag] = publish.Version;
        }

        if (await NpmFileWriter.WriteDistTagsAsync(context, services, target, publish.Name, tags) is { } tagFailure)
        {
            return tagFailure;
        }

        return Results.Json(new { ok = true, success = true, id = publish.Name.Full, version = publish.Version }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>npm deprecate</c>: each listed version's <c>deprecated</c> message set or cleared where it changed.</summary>
    private static async Task<IResult> DeprecateAsync(HttpContext context, ArtifactRepository target, NpmPackageName name, JsonElement document, ArtifactServices services)
    {
        if (NpmPackumentUpdate.Read(name, document, out string? error) is not { } update)
        {
            return NpmResults.BadRequest(error!);
        }

        NpmPackage? stored = await NpmPackageReader.LoadLocalAsync(services, target, name, context.RequestAborted);
        if (stored is null)
        {
            return NpmResults.NotFound($"package '{name}' does not exist in '{target.Key}'");
        }

        return await ApplyDeprecationsAsync(context, target, stored, update, services) ?? NpmResults.Ok($"updated '{name}'");
    }

    /// <summary>Applies the update's deprecations to the versions it shares with <paramref name="stored"/>; null when done.</summary>
    public static async ValueTask<IResult?> ApplyDeprecationsAsync(HttpContext context, ArtifactRepository target, NpmPackage stored, NpmPackumentUpdate update, ArtifactServices services)
    {
        foreach ((string version, string message) in update.Deprecations)
        {
            if (stored.Versions.TryGetValue(version, out NpmVersionEntry? entry) && (entry.Deprecated ?? string.Empty) != message
                && await NpmFileWriter.DeprecateAsync(context, services, target, stored.Name, version, message) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static bool IsExists(IResult failure) => failure is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden };

    private static IResult PublishedBefore(NpmPublish publish)
        => NpmResults.Forbidden($"You cannot publish over the previously published versions: {publish.Version}. ('{publish.Name}@{publish.Version}' exists in this repository, which does not allow redeploy)");
}
