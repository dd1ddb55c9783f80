using Registry.Core.Primitives;

namespace Registry.Core.Replication;

/// <summary>
/// The other registry of a pull rule, as a run reads it (implemented by the host over its upstream client: Basic or
/// token authentication, credentials only to its host and token realm, retries of safe requests). Transport failures
/// and unexpected answers to a listing throw <see cref="ReplicationTargetException"/>; what is missing is returned.
/// Nothing here is trusted: the run checks every digest itself.
/// </summary>
public interface IReplicationSource
{
    /// <summary>Requests sent so far.</summary>
    int Requests { get; }

    /// <summary>Every repository of <c>/v2/_catalog</c>, page after page; null when the registry refuses its catalog (401, 403, 404).</summary>
    ValueTask<IReadOnlyList<string>?> ListRepositoriesAsync(CancellationToken ct);

    /// <summary>Every tag of <c>/v2/NAME/tags/list</c>, page after page; null when the repository is unknown there (a refusal throws).</summary>
    ValueTask<IReadOnlyList<string>?> ListTagsAsync(RepositoryName repository, CancellationToken ct);

    /// <summary>The manifest a tag or digest names there, asked with every manifest media type this registry stores.</summary>
    ValueTask<SourceManifest> GetManifestAsync(RepositoryName repository, string reference, CancellationToken ct);

    /// <summary>
    /// The digests of the manifests that refer to <paramref name="subject"/>: from the referrers API
    /// (<c>/v2/NAME/referrers/DIGEST</c>), or, when the registry has none (404), from the index tagged
    /// <c>sha256-HEX</c> (the OCI tag schema fallback); empty when neither says anything.
    /// </summary>
    ValueTask<IReadOnlyList<Digest>> ListReferrersAsync(RepositoryName repository, Digest subject, CancellationToken ct);

    /// <summary>The blob's bytes as a stream (never buffered whole), or the reason there are none.</summary>
    ValueTask<SourceBlob> OpenBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct);
}

/// <summary>Opens an <see cref="IReplicationSource"/> for a pull rule's peer.</summary>
public interface IReplicationSources
{
    IReplicationSource Open(ReplicationRule rule);
}

/// <summary>
/// A manifest as the source answered it: its bytes and media type, and the digest the source named
/// (<c>Docker-Content-Digest</c>, null when it named none); or, with <see cref="Content"/> null, why not.
/// </summary>
public sealed record SourceManifest(byte[]? Content, string? MediaType, Digest? NamedDigest, string? Problem)
{
    public static SourceManifest Missing(string problem) => new(null, null, null, problem);
}

/// <summary>A blob being read from the source: <see cref="Content"/> streams it (disposing this ends the response), or <see cref="Problem"/> says why not.</summary>
public sealed class SourceBlob(Stream? content, string? problem, IDisposable? response) : IAsyncDisposable
{
    public Stream? Content { get; } = content;

    public string? Problem { get; } = problem;

    public static SourceBlob Refused(string problem) => new(null, problem, null);

    public async ValueTask DisposeAsync()
    {
        if (Content is not null)
        {
            await Content.DisposeAsync().ConfigureAwait(false);
        }

        response?.Dispose();
    }
}
