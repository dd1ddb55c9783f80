using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Operations.Health;

/// <summary>
/// The blob store can be used (<see cref="IBlobStore.CheckAvailableAsync"/>: on S3 a one-key listing, which fails on a
/// missing bucket or refused credentials, where a lookup of a missing object would not) and answers a lookup of one
/// fixed digest (the empty blob's): present or absent both mean reachable.
/// </summary>
internal sealed class BlobStoreReadinessCheck(IBlobStore blobs) : IReadinessCheck
{
    private const string EmptyBlobSha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly Digest Probe = Digest.TryParse(EmptyBlobSha256, out Digest digest)
        ? digest
        : throw new InvalidOperationException("The probe digest does not parse.");

    public string Name => "blobs";

    public async ValueTask CheckAsync(CancellationToken ct)
    {
        await blobs.CheckAvailableAsync(ct);
        await blobs.StatAsync(Probe, ct);
    }
}
