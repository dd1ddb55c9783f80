using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>The S3 blob store against s3rver (which cannot list or abort multipart uploads; see <see cref="S3Server"/>).</summary>
public sealed class S3BlobStoreTests(S3Server server) : S3BlobStoreContract(server), IClassFixture<S3Server>;
