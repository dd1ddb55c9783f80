using Amazon.S3.Model;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// A blob read from S3 as a seekable stream: it reads one GET response from the current position onwards; a seek
/// to anywhere else drops that response, and the next read starts a ranged GET there. So a full read is one request
/// and a Range request served by seeking costs one more.
/// </summary>
internal sealed class S3ReadStream(S3Bucket bucket, string key, GetObjectResponse first) : ReadOnlyBlobStream(first.ContentLength)
{
    private GetObjectResponse? _response = first;
    private long _responsePosition;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long position = Position;
        if (buffer.IsEmpty || position >= Length)
        {
            return 0;
        }

        if (_response is not null && _responsePosition != position)
        {
            DropResponse();
        }

        _response ??= await OpenAtAsync(position, cancellationToken);
        int read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            throw new EndOfStreamException($"Object {key} ended at {position} of {Length} bytes.");
        }

        Advance(read);
        _responsePosition = position + read;
        return read;
    }

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
        GetObjectResponse response = await bucket.GetAsync(key, offset, Length, ct)
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
