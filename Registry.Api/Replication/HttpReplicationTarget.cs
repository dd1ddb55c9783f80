using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// The other registry of a push rule over the distribution API, every request through <see cref="UpstreamClient"/>
/// (credentials only to its authority and token realm): HEAD for manifests and blobs, <c>POST ...?mount=&amp;from=</c>
/// for a cross-repository mount, monolithic PUT for a blob up to the chunk size, PATCH chunks then PUT for larger ones,
/// each streamed from the blob store.
/// </summary>
internal sealed partial class HttpReplicationTarget(UpstreamClient client, RemoteSource peer, long chunkSize) : IReplicationTarget
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private int _requests;

    public int Requests => _requests;

    public async ValueTask<Digest?> ManifestDigestAsync(RepositoryName repository, string reference, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Head, Url($"{repository.Value}/manifests/{reference}"), h =>
        {
            foreach (string type in ManifestTypes)
            {
                h.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }
        }, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureAnswered(response, "HEAD manifest");
        return response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values) && Digest.TryParse(values.FirstOrDefault(), out Digest digest)
            ? digest
            : null;
    }

    public async ValueTask<bool> HasBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Head, Url($"{repository.Value}/blobs/{digest.Value}"), null, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureAnswered(response, "HEAD blob");
        return true;
    }

    public async ValueTask<BlobSendResult> SendBlobAsync(
        RepositoryName repository, Digest digest, long size, RepositoryName? mountFrom, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        string start = $"{repository.Value}/blobs/uploads/" + (mountFrom is null ? string.Empty : $"?mount={digest.Value}&from={mountFrom.Value}");
        Uri location;
        using (HttpResponseMessage started = await SendAsync(HttpMethod.Post, Url(start), null, () => new ByteArrayContent([]), ct))
        {
            if (started.StatusCode == HttpStatusCode.Created && mountFrom is not null)
            {
                return BlobSendResult.MountedThere;
            }

            if (started.StatusCode != HttpStatusCode.Accepted || started.Headers.Location is not { } next)
            {
                return new BlobSendResult(false, await RefusalAsync(started, "starting an upload", ct));
            }

            location = Absolute(next);
        }

        if (size <= chunkSize)
        {
            return await PutLastAsync(location, digest, 0, size, open, ct);
        }

        long offset = 0;
        while (size - offset > chunkSize)
        {
            long length = chunkSize;
            long from = offset;
            using HttpResponseMessage patched = await SendAsync(HttpMethod.Patch, location, null, () => new RangeContent(open, from, length, $"{from}-{from + length - 1}"), ct);
            if (patched.StatusCode != HttpStatusCode.Accepted || patched.Headers.Location is not { } after)
            {
                return new BlobSendResult(false, await RefusalAsync(patched, $"uploading bytes {from}-{from + length - 1}", ct));
            }

            location = Absolute(after);
            offset += length;
        }

        return await PutLastAsync(location, digest, offset, size - offset, open, ct);
    }

    public async ValueTask<string?> PutManifestAsync(RepositoryName repository, string reference, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Put, Url($"{repository.Value}/manifests/{reference}"), null, () =>
        {
            var body = new ReadOnlyMemoryContent(content);
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            return body;
        }, ct);
        return response.StatusCode == HttpStatusCode.Created ? null : await RefusalAsync(response, "putting the manifest", ct);
    }

    private async ValueTask<BlobSendResult> PutLastAsync(Uri location, Digest digest, long from, long length, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        string separator = location.Query.Length > 0 ? "&" : "?";
        var url = new Uri(location.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest.Value));
        using HttpResponseMessage put = await SendAsync(HttpMethod.Put, url, null, () => new RangeContent(open, from, length, null), ct);
        return put.StatusCode == HttpStatusCode.Created
            ? BlobSendResult.Uploaded
            : new BlobSendResult(false, await RefusalAsync(put, "completing the upload", ct));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Action<HttpRequestHeaders>? configure, Func<HttpContent>? content, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            return await client.SendAsync(peer, method, uri, configure, content, ct);
        }
        catch (Exception e) when (e is HttpRequestException || e.GetType().Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true)
        {
            throw new ReplicationTargetException($"{method} {uri.AbsolutePath}: {e.Message}", e);
        }
    }

    private Uri Url(string path) => new(peer.Url, "/v2/" + path);

    private Uri Absolute(Uri location) => location.IsAbsoluteUri ? location : new Uri(peer.Url, location);

    private static void EnsureAnswered(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ReplicationTargetException($"{what} answered {(int)response.StatusCode}");
        }
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        string body = await response.Content.ReadAsStringAsync(ct);
        return string.Create(CultureInfo.InvariantCulture, $"{what} answered {(int)response.StatusCode}{(body.Length == 0 ? string.Empty : ": " + body[..Math.Min(body.Length, 300)])}");
    }

    /// <summary>A byte range of a stored blob as a request body, opened when it is sent (and again if it is sent again).</summary>
    private sealed class RangeContent : HttpContent
    {
        private readonly Func<CancellationToken, ValueTask<Stream?>> _open;
        private readonly long _from;
        private readonly long _length;

        public RangeContent(Func<CancellationToken, ValueTask<Stream?>> open, long from, long length, string? contentRange)
        {
            _open = open;
            _from = from;
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Headers.ContentLength = length;
            if (contentRange is not null)
            {
                Headers.TryAddWithoutValidation("Content-Range", contentRange);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            Stream source = await _open(cancellationToken) ?? throw new IOException("the blob is no longer in the store");
            await using (source)
            {
                if (_from > 0)
                {
                    if (source.CanSeek)
                    {
                        source.Seek(_from, SeekOrigin.Begin);
                    }
                    else
                    {
                        await CopyAsync(source, Stream.Null, _from, cancellationToken);
                    }
                }

                await CopyAsync(source, stream, _length, cancellationToken);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken ct)
        {
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                while (count > 0)
                {
                    int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), ct);
                    if (read == 0)
                    {
                        throw new IOException("the stored blob is shorter than its size");
                    }

                    await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                    count -= read;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
