using System.Buffers;
using System.IO.Pipelines;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// Writes an npm repository's files through <see cref="ArtifactService"/> (one change record each): checked bytes
/// into the blob store and recorded with <see cref="ArtifactService.PublishPackageFileAsync"/>, dist-tags, and a
/// version's deprecation as the <see cref="NpmPaths.DeprecatedProperty"/> property of its <c>package.json</c>.
/// </summary>
internal static class NpmFileWriter
{
    /// <summary>Stores and records the file; null when done, else the answer to give.</summary>
    public static async ValueTask<IResult?> PublishAsync(HttpContext context, ArtifactServices services, ArtifactRepository target, string path, ReadOnlyMemory<byte> bytes, string mimeType)
    {
        PipeReader body = PipeReader.Create(new ReadOnlySequence<byte>(bytes));
        (ArtifactChecksums? content, IResult? failure) = await ArtifactContent.StoreAsync(body, services, null, context.RequestAborted);
        if (content is null)
        {
            return failure;
        }

        ArtifactDeployResult recorded = await services.Artifacts.PublishPackageFileAsync(context.GetActor(), target, path, content, mimeType, null, context.RequestAborted);
        return recorded.Succeeded ? null : NpmResults.Refused(recorded);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the blob store and records the file; <paramref name="check"/> sees the
    /// checksums before the bytes move into place and may refuse them with a message (answered 400, nothing stored).
    /// Null when done, else the answer to give.
    /// </summary>
    public static async ValueTask<IResult?> PublishStreamAsync(
        HttpContext context, ArtifactServices services, ArtifactRepository target, string path, Stream content, Func<ArtifactChecksums, string?> check, string mimeType)
    {
        string? refused = null;
        PipeReader body = PipeReader.Create(content, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        (ArtifactChecksums? stored, IResult? failure) = await ArtifactContent.StoreAsync(body, services, checksums => refused = check(checksums), context.RequestAborted);
        await body.CompleteAsync();
        if (stored is null)
        {
            return refused is not null ? NpmResults.BadRequest(refused) : failure;
        }

        ArtifactDeployResult recorded = await services.Artifacts.PublishPackageFileAsync(context.GetActor(), target, path, stored, mimeType, null, context.RequestAborted);
        return recorded.Succeeded ? null : NpmResults.Refused(recorded);
    }

    public static ValueTask<IResult?> WriteDistTagsAsync(HttpContext context, ArtifactServices services, ArtifactRepository target, NpmPackageName name, IReadOnlyDictionary<string, string> tags)
        => PublishAsync(context, services, target, NpmPaths.DistTagsPath(name), NpmDistTags.Serialize(tags), "application/json");

    /// <summary>Sets (or, with an empty message, removes) the deprecation of a version.</summary>
    public static async ValueTask<IResult?> DeprecateAsync(HttpContext context, ArtifactServices services, ArtifactRepository target, NpmPackageName name, string version, string message)
    {
        string path = NpmPaths.ManifestPath(name, version);
        ArtifactChangeResult changed = message.Length == 0
            ? await services.Artifacts.DeletePropertiesAsync(context.GetActor(), target.Key, path, [NpmPaths.DeprecatedProperty], context.RequestAborted)
            : await services.Artifacts.SetPropertiesAsync(context.GetActor(), target.Key, path, $"{NpmPaths.DeprecatedProperty}={Escape(message)}", context.RequestAborted);
        return changed.Status == ArtifactChangeStatus.Done ? null : NpmResults.BadRequest(changed.Message ?? changed.Status.ToString());
    }

    /// <summary>Escapes the property syntax's separators (<c>|</c>, <c>,</c>) in a value.</summary>
    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);
}
