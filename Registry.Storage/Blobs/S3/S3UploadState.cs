using System.Security.Cryptography;
using Registry.Core.Primitives;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// What this node knows of an upload session between requests: a gate that serializes its requests here, and a
/// running sha256 of its bytes, trusted only while the stored record's <see cref="S3UploadRecord.Writer"/> is still
/// the one this node wrote (<see cref="HashWriter"/>). Lost on restart; then the digest is checked by re-reading.
/// </summary>
internal sealed class S3UploadState(DigestAlgorithm algorithm = DigestAlgorithm.Sha256) : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>What <see cref="Hash"/> computes: sha256 unless the upload asked for another (a resumed state is sha256).</summary>
    public DigestAlgorithm Algorithm => algorithm;

    public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(algorithm == DigestAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    /// <summary>The record writer whose bytes <see cref="Hash"/> covers, or null when the hash cannot be trusted.</summary>
    public string? HashWriter { get; set; }

    /// <summary>Set once the session was committed or cancelled; a waiter that gets the gate afterwards must give up.</summary>
    public bool Closed { get; set; }

    /// <summary>Frees the hash; the gate is left alone because a request may still be waiting on it.</summary>
    public void Dispose() => Hash.Dispose();
}
