using Registry.Api.Artifacts;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// A PyPI remote's copy of an upstream page (a project page, the project list), cached under <c>.meta/</c>: served
/// from the cache while fresh (the remote's retrieval period; offline: however old), else fetched again; when the
/// upstream fails, the stale copy is served with a <c>Warning</c>, as <see cref="RemoteLookup"/> does for Maven metadata.
/// </summary>
internal static class PypiRemotePages
{
    /// <summary>The most an upstream page may hold to be read (PyPI's largest project pages are a few MB).</summary>
    public const int MaxPageBytes = 32 << 20;

    public static async ValueTask<MemberFile> FindAsync(ArtifactServices services, ArtifactRepository remote, string cachePath, Uri source, CancellationToken ct)
    {
        ArtifactFile? cached = await services.Store.GetFileAsync(remote.Key, cachePath, ct);
        if (cached is not null && (remote.Remote!.Offline || RemoteCaching.IsFresh(remote, cached, services.Time.GetUtcNow())))
        {
            return MemberFile.Found(cached);
        }

        if (remote.Remote!.Offline)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{source}' is not cached and remote repository '{remote.Key}' is offline"));
        }

        RemoteFetch fetched = await services.Remotes.FetchAsync(remote, cachePath, source, expected: null, ct);
        return fetched.Status switch
        {
            RemoteFetchStatus.Stored => MemberFile.Found(fetched.File!),
            RemoteFetchStatus.NotFound => MemberFile.Missing(fetched),
            _ when cached is not null => MemberFile.Found(cached, $"{RemoteLookup.StaleWarning.TrimEnd('"')}: {Quote(fetched.Message!)}\""),
            _ => MemberFile.Missing(fetched),
        };
    }

    /// <summary>The page's text, or null when its bytes are gone or it is larger than <see cref="MaxPageBytes"/>.</summary>
    public static async ValueTask<string?> ReadAsync(ArtifactServices services, ArtifactFile page, CancellationToken ct)
    {
        if (page.Content.Size > MaxPageBytes)
        {
            return null;
        }

        await using Stream? stream = await services.Blobs.OpenReadAsync(page.Content.Digest, ct);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    private static string Quote(string message) => message.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal)
        .Replace('\r', ' ').Replace('\n', ' ');
}
