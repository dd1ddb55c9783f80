using Registry.Api.Artifacts;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// A file of a NuGet remote, by <see cref="RemoteLookup"/>'s rules, for files whose upstream URL is not
/// <c>{url}/{path}</c>: from the cache when fresh (a package always, an index page under <c>.meta/</c> for the
/// retrieval period), else fetched from the URL <paramref name="source"/> gives (asked only then: it may need the
/// upstream's service index); when the upstream fails, what is cached is served with a <c>Warning</c>, however old.
/// An offline remote serves only its cache.
/// </summary>
internal static class NugetRemoteLookup
{
    public delegate ValueTask<(Uri? Source, RemoteFetch? Failure)> SourceOf(CancellationToken ct);

    public static async ValueTask<MemberFile> FindAsync(ArtifactServices services, ArtifactRepository remote, string path, SourceOf source, CancellationToken ct)
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

        (Uri? uri, RemoteFetch? failure) = await source(ct);
        RemoteFetch fetched = uri is null ? failure! : await services.Remotes.FetchAsync(remote, path, uri, expected: null, ct);
        return fetched.Status switch
        {
            RemoteFetchStatus.Stored => MemberFile.Found(fetched.File!),
            RemoteFetchStatus.NotFound => MemberFile.Missing(fetched),
            _ when cached is not null => MemberFile.Found(cached, Stale(fetched.Message!)),
            _ => MemberFile.Missing(fetched),
        };
    }

    /// <summary>The <c>Warning</c> for stale content served because the upstream failed.</summary>
    public static string Stale(string message)
        => $"{RemoteLookup.StaleWarning.TrimEnd('"')}: {message.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ')}\"";
}
