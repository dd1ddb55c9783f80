using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Artifacts;

/// <summary>
/// Passes a request body through to the blob store's upload session and hashes (SHA-256, SHA-1, MD5) exactly the
/// bytes the session consumes, as it consumes them: nothing is buffered beyond what the pipe already holds.
/// </summary>
internal sealed class HashingPipeReader(PipeReader inner) : PipeReader, IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private ReadOnlySequence<byte> _last;

    /// <summary>Bytes consumed (and hashed) so far.</summary>
    public long Length { get; private set; }

    /// <summary>The checksums of everything consumed; call once, after the body ended.</summary>
    public ArtifactChecksums Finish()
    {
        Span<byte> sha256 = stackalloc byte[32];
        _sha256.GetHashAndReset(sha256);
        return new ArtifactChecksums(Digest.FromHash(DigestAlgorithm.Sha256, sha256), Length,
            Convert.ToHexStringLower(_sha1.GetHashAndReset()), Convert.ToHexStringLower(_md5.GetHashAndReset()));
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ReadResult result = await inner.ReadAsync(cancellationToken);
        _last = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _last = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        ReadOnlySequence<byte> used = _last.Slice(0, consumed);
        foreach (ReadOnlyMemory<byte> segment in used)
        {
            _sha256.AppendData(segment.Span);
            _sha1.AppendData(segment.Span);
            _md5.AppendData(segment.Span);
        }

        Length += used.Length;
        _last = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public void Dispose()
    {
        _sha256.Dispose();
        _sha1.Dispose();
        _md5.Dispose();
    }
}
