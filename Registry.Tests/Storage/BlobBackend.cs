namespace Registry.Tests.Storage;

/// <summary>
/// The blob stores the blob contracts run on. A contract test is a <c>[Theory, BlobBackends]</c> taking one of these,
/// e.g. <c>BlobStoreContract.Commit_Sha512_IsVerified(backend: Moto)</c>.
/// </summary>
public enum BlobBackend
{
    /// <summary>The filesystem store over a fresh temp directory.</summary>
    FileSystem,

    /// <summary>The S3 store over a fresh bucket on s3rver (which cannot list or abort multipart uploads; see <see cref="Support.S3Server"/>).</summary>
    S3rver,

    /// <summary>The S3 store over a fresh bucket on moto, which also checks the 5 MiB minimum part size, multipart listing and aborts, and part copies.</summary>
    Moto,
}
