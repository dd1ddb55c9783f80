using Amazon.S3.Model;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// A blob read from S3 as a seekable stream: it reads one GET response from the current position onwards; a seek
/// to anywhere else drops that response, and the next read starts a ranged GET there. So a full read is one request
/// and a Range request served by seeking costs one more.
/// </summary>
internal sealed class S3ReadStream(S3Bucket bucket, string key, GetObjectResponse first) : Stream
{
    private readonly long _length = first.ContentLength;
    private GetObjectResponse? _response = first;
    private long _position;
    private long _responsePosition;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return target;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        if (_response is not null && _responsePosition != _position)
        {
            DropResponse();
        }

        _response ??= await OpenAtAsync(_position, cancellationToken);
        int read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            throw new EndOfStreamException($"Object {key} ended at {_position} of {_length} bytes.");
        }

        _position += read;
        _responsePosition = _position;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads block on the asynchronous path; the HTTP layer reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DropResponse();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<GetObjectResponse> OpenAtAsync(long offset, CancellationToken ct)
    {
        GetObjectResponse response = await bucket.GetAsync(key, offset, _length, ct)
            ?? throw new FileNotFoundException($"Object {key} was removed while being read.");
        _responsePosition = offset;
        return response;
    }

    private void DropResponse()
    {
        _response?.Dispose();
        _response = null;
    }
}
