using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Operations.Health;

/// <summary>
/// The blob store answers a lookup of one fixed digest (the empty blob's): present or absent both mean reachable.
/// On S3 this is one HEAD request; on the filesystem one stat.
/// </summary>
internal sealed class BlobStoreReadinessCheck(IBlobStore blobs) : IReadinessCheck
{
    private const string EmptyBlobSha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly Digest Probe = Digest.TryParse(EmptyBlobSha256, out Digest digest)
        ? digest
        : throw new InvalidOperationException("The probe digest does not parse.");

    public string Name => "blobs";

    public async ValueTask CheckAsync(CancellationToken ct) => await blobs.StatAsync(Probe, ct);
}
