namespace Registry.Api.Oci;

/// <summary>
/// What a prefetch of a docker remote did (<see cref="RemotePrefetch"/>): the manifest's digest, how many manifests and
/// blobs it fetched from the upstream and how many were cached already, the bytes it fetched, and what failed.
/// </summary>
internal sealed record PrefetchSummary(
    string Repository,
    string? Digest,
    int ManifestsFetched,
    int ManifestsCached,
    int BlobsFetched,
    int BlobsCached,
    long BytesFetched,
    IReadOnlyList<PrefetchFailure> Failures);
