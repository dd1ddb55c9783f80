using System.Security.Cryptography;
using Registry.Core.Primitives;

namespace Registry.Storage.Blobs.FileSystem;

/// <summary>
/// What this node knows of an upload session between requests: the running hash (sha256 unless the upload asked for
/// another <see cref="Algorithm"/>) and the length it covers. Lost on restart; then the data file is hashed again
/// (sha256) when the session is resumed.
/// </summary>
internal sealed class UploadState(DigestAlgorithm algorithm = DigestAlgorithm.Sha256) : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DigestAlgorithm Algorithm => algorithm;

    public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(algorithm == DigestAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    public long Length { get; set; }

    /// <summary>Set once the session was committed or cancelled; a waiter that gets the gate afterwards must give up.</summary>
    public bool Closed { get; set; }

    /// <summary>Frees the hash; the gate is left alone because a request may still be waiting on it.</summary>
    public void Dispose() => Hash.Dispose();
}
