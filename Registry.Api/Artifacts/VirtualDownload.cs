using System.Security.Cryptography;
using System.Text;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>GET</c>/<c>HEAD</c> on a virtual repository: the file from the first member (local or remote, in the order
/// configured) that has it; an artifact-level <c>maven-metadata.xml</c> merged across every member that has one
/// (<see cref="MavenMetadataMerge"/>), its <c>.sha1</c>/<c>.md5</c>/<c>.sha256</c> computed from the merged bytes.
/// Reading needs the reader role on the virtual repository's key only; members that are virtual themselves are skipped.
/// </summary>
internal static class VirtualDownload
{
    private const int MaxMetadataBytes = 4 << 20;

    public static async Task<IResult> GetAsync(HttpContext context, ArtifactPath path, ArtifactRepository repository, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        if (path.IsRoot || path.EndsWithSlash)
        {
            return ArtifactResults.BadRequest($"'{repository.Key}/{path.Value}' is a folder of virtual repository '{repository.Key}'; list it in one of its members ({string.Join(", ", repository.Virtual?.Repositories ?? [])})");
        }

        List<ArtifactRepository> members = await MembersAsync(repository, services, ct);
        if (ChecksumCompanion.TryParse(path.Value, out ChecksumCompanion companion))
        {
            Resolved target = await ResolveAsync(repository, members, companion.TargetPath, services, ct);
            if (target.Merged is { } mergedTarget)
            {
                return Results.Text(mergedTarget.Checksums.Get(companion.Kind), "text/plain");
            }

            if (target.Found.File is { } file)
            {
                return RemoteDownload.Checksum(context, target.Found, file.Content.Get(companion.Kind));
            }

            if (target.Found.Failure?.Status != RemoteFetchStatus.NotFound)
            {
                return target.Found.Error($"'{repository.Key}/{path.Value}' does not exist");
            }
        }

        Resolved resolved = await ResolveAsync(repository, members, path.Value, services, ct);
        if (resolved.Merged is { } merged)
        {
            return ServeMerged(context, path.Name, merged);
        }

        if (resolved.Found.File is null)
        {
            return resolved.Found.Error($"'{repository.Key}/{path.Value}' does not exist");
        }

        RemoteDownload.AddWarning(context, resolved.Found);
        return await DownloadHandler.ServeAsync(context, resolved.Found.File, services);
    }

    private static async Task<Resolved> ResolveAsync(ArtifactRepository repository, List<ArtifactRepository> members, string path, ArtifactServices services, CancellationToken ct)
    {
        bool merge = repository.Type == ArtifactRepositoryType.Maven && path.EndsWith("/" + MavenLayout.MetadataName, StringComparison.Ordinal);
        var found = new List<MemberFile>();
        RemoteFetch? failure = null;
        foreach (ArtifactRepository member in members)
        {
            MemberFile file = member.Class == RepositoryClass.Remote
                ? await RemoteLookup.FindAsync(services, member, path, ct)
                : await services.Store.GetFileAsync(member.Key, path, ct) is { } local ? MemberFile.Found(local) : MemberFile.Missing(RemoteFetch.Missing(string.Empty));
            if (file.File is null)
            {
                failure ??= file.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? file.Failure : null;
                continue;
            }

            found.Add(file);
            if (!merge)
            {
                break;
            }
        }

        if (found.Count == 0)
        {
            string keys = string.Join(", ", members.Select(m => m.Key));
            return new Resolved(failure is not null
                ? MemberFile.Missing(RemoteFetch.Unreachable($"'{repository.Key}/{path}' was found in no member of virtual repository '{repository.Key}' ({keys}), and {failure.Message}"))
                : MemberFile.Missing(RemoteFetch.Missing($"'{repository.Key}/{path}' does not exist in any member of virtual repository '{repository.Key}' ({keys})")), null);
        }

        if (found.Count == 1)
        {
            return new Resolved(found[0], null);
        }

        var texts = new List<string>(found.Count);
        foreach (MemberFile file in found)
        {
            if (file.File!.Content.Size <= MaxMetadataBytes && await ReadTextAsync(services, file.File, ct) is { } text)
            {
                texts.Add(text);
            }
        }

        if (MavenMetadataMerge.Merge(texts) is not { } mergedText)
        {
            return new Resolved(found[0], null);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(mergedText);
        var checksums = new ArtifactChecksums(
            Core.Primitives.Digest.FromHash(Core.Primitives.DigestAlgorithm.Sha256, SHA256.HashData(bytes)), bytes.Length,
            Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
        return new Resolved(found[0], new MergedMetadata(bytes, checksums));
    }

    private static IResult ServeMerged(HttpContext context, string name, MergedMetadata merged)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers["X-Checksum-Sha1"] = merged.Checksums.Sha1;
        headers["X-Checksum-Sha256"] = merged.Checksums.Sha256;
        headers["X-Checksum-Md5"] = merged.Checksums.Md5;
        headers["X-Artifactory-Filename"] = Uri.EscapeDataString(name);
        headers.ETag = $"\"{merged.Checksums.Sha1}\"";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = "application/xml";
            context.Response.ContentLength = merged.Bytes.Length;
            return Results.Empty;
        }

        return Results.Bytes(merged.Bytes, "application/xml");
    }

    /// <summary>The members of the virtual repository that exist and are not virtual themselves, in order.</summary>
    public static async Task<List<ArtifactRepository>> MembersAsync(ArtifactRepository repository, ArtifactServices services, CancellationToken ct)
    {
        var members = new List<ArtifactRepository>();
        foreach (string key in repository.Virtual?.Repositories ?? [])
        {
            if (await services.Store.GetArtifactRepositoryAsync(key, ct) is { Class: not RepositoryClass.Virtual } member)
            {
                members.Add(member);
            }
        }

        return members;
    }

    private static async Task<string?> ReadTextAsync(ArtifactServices services, ArtifactFile file, CancellationToken ct)
    {
        await using Stream? stream = await services.Blobs.OpenReadAsync(file.Content.Digest, ct);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    private sealed record Resolved(MemberFile Found, MergedMetadata? Merged);

    private sealed record MergedMetadata(byte[] Bytes, ArtifactChecksums Checksums);
}
