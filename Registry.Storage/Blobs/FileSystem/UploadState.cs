using System.Security.Cryptography;

namespace Registry.Storage.Blobs.FileSystem;

/// <summary>
/// What this node knows of an upload session between requests: the running sha256 and the length it covers.
/// Lost on restart; then the data file is hashed again when the session is resumed.
/// </summary>
internal sealed class UploadState : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; set; }

    /// <summary>Set once the session was committed or cancelled; a waiter that gets the gate afterwards must give up.</summary>
    public bool Closed { get; set; }

    /// <summary>Frees the hash; the gate is left alone because a request may still be waiting on it.</summary>
    public void Dispose() => Hash.Dispose();
}
