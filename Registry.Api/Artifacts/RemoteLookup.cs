using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// Finds a file in a remote repository: from the cache when it is there and fresh (an artifact always, metadata for
/// the remote's retrieval period), else from the upstream; when the upstream fails, stale cached metadata is served
/// with a <c>Warning</c>. An offline remote serves only its cache, however old.
/// </summary>
internal static class RemoteLookup
{
    public const string StaleWarning = "110 - \"Response is Stale\"";

    public static async ValueTask<MemberFile> FindAsync(ArtifactServices services, ArtifactRepository remote, string path, CancellationToken ct)
    {
        ArtifactFile? cached = await services.Store.GetFileAsync(remote.Key, path, ct);
        if (cached is not null && (remote.Remote!.Offline || RemoteCaching.IsFresh(remote, cached, services.Time.GetUtcNow())))
        {
            return MemberFile.Found(cached);
        }

        if (remote.Remote!.Offline)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{remote.Key}/{path}' is not cached and remote repository '{remote.Key}' is offline"));
        }

        if (remote.Type == ArtifactRepositoryType.Maven && MavenLayout.LayoutError(path) is { } layoutError)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{remote.Key}/{path}' does not exist: a maven remote fetches only files of the Maven layout ({layoutError})"));
        }

        RemoteFetch fetched = await services.Remotes.FetchAsync(remote, path, ct);
        return fetched.Status switch
        {
            RemoteFetchStatus.Stored => MemberFile.Found(fetched.File!),
            RemoteFetchStatus.NotFound => MemberFile.Missing(fetched),
            _ when cached is not null => MemberFile.Found(cached, $"{StaleWarning.TrimEnd('"')}: {Quote(fetched.Message!)}\""),
            _ => MemberFile.Missing(fetched),
        };
    }

    private static string Quote(string message) => message.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal)
        .Replace('\r', ' ').Replace('\n', ' ');
}
