using System.Net;
using Registry.Core.Transfer;

namespace Registry.Api.Replication;

/// <summary>
/// Artifact files at the other registry through Artifactory's API (another instance of ours): <c>HEAD
/// /artifactory/{key}/{path}</c> for the SHA-256 there, then <c>PUT</c> with <c>X-Checksum-Deploy: true</c> and the
/// file's checksums (no body), and when the other side does not have the content, <c>PUT</c> with the bytes streamed
/// from the blob store and the same checksums, which it verifies. Properties go as matrix parameters.
/// </summary>
internal sealed partial class HttpReplicationTarget
{
    public async ValueTask<string?> FileSha256Async(string key, string path, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Head, FileUrl(key, path, null), null, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureAnswered(response, "HEAD file");
        return response.Headers.TryGetValues("X-Checksum-Sha256", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
    }

    public async ValueTask<Core.Replication.FileSendResult> SendFileAsync(string key, ExportedFile file, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        Uri url = FileUrl(key, file.Path, file.Properties);
        string sha256 = Core.Primitives.Digest.Parse(file.Digest).Hex;
        void Checksums(System.Net.Http.Headers.HttpRequestHeaders h)
        {
            h.TryAddWithoutValidation("X-Checksum-Sha256", sha256);
            h.TryAddWithoutValidation("X-Checksum-Sha1", file.Sha1);
            h.TryAddWithoutValidation("X-Checksum-Md5", file.Md5);
        }

        using (HttpResponseMessage byChecksum = await SendAsync(HttpMethod.Put, url, h =>
        {
            Checksums(h);
            h.TryAddWithoutValidation("X-Checksum-Deploy", "true");
        }, () => new ByteArrayContent([]), ct))
        {
            if (byChecksum.StatusCode == HttpStatusCode.Created)
            {
                return new Core.Replication.FileSendResult(true, null);
            }

            if (byChecksum.StatusCode != HttpStatusCode.NotFound)
            {
                return new Core.Replication.FileSendResult(false, await RefusalAsync(byChecksum, "deploying by checksum", ct));
            }
        }

        using HttpResponseMessage put = await SendAsync(HttpMethod.Put, url, Checksums, () => new RangeContent(open, 0, file.Size, null), ct);
        return put.StatusCode == HttpStatusCode.Created
            ? new Core.Replication.FileSendResult(false, null)
            : new Core.Replication.FileSendResult(false, await RefusalAsync(put, "deploying the file", ct));
    }

    private Uri FileUrl(string key, string path, IReadOnlyList<ExportedProperty>? properties)
    {
        string escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        string matrix = properties is null ? string.Empty
            : string.Concat(properties.Select(p => $";{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(peer.Url, $"/artifactory/{Uri.EscapeDataString(key)}/{escaped}{matrix}");
    }
}
