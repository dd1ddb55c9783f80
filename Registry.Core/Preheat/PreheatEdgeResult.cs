using System.Globalization;

namespace Registry.Core.Preheat;

/// <summary>
/// What one edge answered to a preheat: its HTTP status, and from its prefetch summary the digest it cached, what it
/// fetched and what it had already; <see cref="Error"/> says why it failed (the edge's message, or why it was not reached).
/// </summary>
public sealed record PreheatEdgeResult(
    string Edge,
    int Status,
    string? Digest,
    int ManifestsFetched,
    int ManifestsCached,
    int BlobsFetched,
    int BlobsCached,
    long BytesFetched,
    int Failures,
    string? Error)
{
    public bool Succeeded => Status == 200 && Failures == 0 && Error is null;

    public static PreheatEdgeResult Failed(string edge, int status, string error) => new(edge, status, null, 0, 0, 0, 0, 0, 0, error);

    public string Describe() => Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"{Edge}: {BlobsFetched} blobs fetched ({BytesFetched} bytes), {BlobsCached} cached")
        : string.Create(CultureInfo.InvariantCulture, $"{Edge}: failed ({Status}) {Error ?? $"{Failures} failures"}");
}
