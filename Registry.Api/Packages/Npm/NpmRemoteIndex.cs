using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// A remote npm repository's copy of its upstream's packument (<c>{url}/{escaped name}</c>), cached at
/// <see cref="NpmPaths.RemotePackumentPath"/> with the rules of <see cref="RemoteLookup"/>: served from the cache for
/// the retrieval period, refetched after it (once per node, <see cref="RemoteFetcher"/>), served stale with a
/// <c>Warning</c> when the upstream fails, and only from the cache when the remote is offline.
/// </summary>
internal static class NpmRemoteIndex
{
    public static async Task<NpmLoad> LoadAsync(ArtifactServices services, ArtifactRepository remote, NpmPackageName name, CancellationToken ct)
    {
        MemberFile found = await FindAsync(services, remote, name, ct);
        if (found.File is null)
        {
            return NpmLoad.Missing(found.Failure ?? RemoteFetch.Missing(string.Empty));
        }

        if (await NpmBlobText.ReadAsync(services, found.File, NpmLimits.MaxDocumentBytes, ct) is not { } bytes)
        {
            return NpmLoad.Missing(RemoteFetch.Refused($"the packument of '{name}' cached by remote repository '{remote.Key}' is larger than {NpmLimits.MaxDocumentBytes} bytes or unreadable"));
        }

        return NpmPackument.ParseUpstream(name, bytes, remote.Remote!.Url, out string? error) is { } package
            ? NpmLoad.Found(package, found.Warning)
            : NpmLoad.Missing(RemoteFetch.Refused(error!));
    }

    /// <summary>The upstream's URL of the packument: <c>{url}/{name}</c>, a scoped name as <c>@scope%2fname</c>.</summary>
    public static Uri PackumentUri(RemoteSource source, NpmPackageName name)
        => new(source.Url.AbsoluteUri.TrimEnd('/') + "/" + name.Escaped);

    private static async Task<MemberFile> FindAsync(ArtifactServices services, ArtifactRepository remote, NpmPackageName name, CancellationToken ct)
    {
        string path = NpmPaths.RemotePackumentPath(name);
        ArtifactFile? cached = await services.Store.GetFileAsync(remote.Key, path, ct);
        if (cached is not null && (remote.Remote!.Offline || RemoteCaching.IsFresh(remote, cached, services.Time.GetUtcNow())))
        {
            return MemberFile.Found(cached);
        }

        if (remote.Remote!.Offline)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{name}' is not cached and remote repository '{remote.Key}' is offline"));
        }

        RemoteFetch fetched = await services.Remotes.FetchAsync(remote, path, PackumentUri(remote.Remote, name), expected: null, ct);
        return fetched.Status switch
        {
            RemoteFetchStatus.Stored => MemberFile.Found(fetched.File!),
            RemoteFetchStatus.NotFound => MemberFile.Missing(RemoteFetch.Missing($"package '{name}' does not exist in remote repository '{remote.Key}' (its upstream {remote.Remote.Url} has no such package)")),
            _ when cached is not null => MemberFile.Found(cached, $"{RemoteLookup.StaleWarning.TrimEnd('"')}: {Quote(fetched.Message!)}\""),
            _ => MemberFile.Missing(fetched),
        };
    }

    private static string Quote(string message) => message.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal)
        .Replace('\r', ' ').Replace('\n', ' ');
}
