using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// The other registry of a pull rule over the distribution API, every request through <see cref="UpstreamClient"/>
/// (credentials only to its authority and token realm; a redirect elsewhere, such as an object store's presigned
/// URL, is followed without them): <c>/v2/_catalog</c> and <c>tags/list</c> page by page (<c>n</c>, then the
/// <c>Link</c> header), manifests with every manifest media type accepted and read up to the manifest size limit, the
/// referrers API with the <c>sha256-HEX</c> tag as fallback, and blobs as a stream of the response body.
/// </summary>
internal sealed class HttpReplicationSource(UpstreamClient client, RemoteSource peer, int maxManifestBytes) : IReplicationSource
{
    private const int PageSize = 1000;
    private const int MaxPages = 10_000;

    private static readonly string[] ManifestTypes =
    [
        MediaTypes.OciImageIndex,
        MediaTypes.OciImageManifest,
        MediaTypes.DockerManifestList,
        MediaTypes.DockerManifest,
    ];

    private int _requests;

    public int Requests => _requests;

    /// <summary>Null when the catalog is refused (401, 403) or absent (404): many registries keep it to themselves.</summary>
    public ValueTask<IReadOnlyList<string>?> ListRepositoriesAsync(CancellationToken ct)
        => ListPagesAsync($"_catalog?n={PageSize}", "repositories", "GET /v2/_catalog", refusedIsAbsent: true, ct);

    /// <summary>Null when the repository is unknown (404); a refusal (401, 403: wrong credentials) throws, so the run says so.</summary>
    public ValueTask<IReadOnlyList<string>?> ListTagsAsync(RepositoryName repository, CancellationToken ct)
        => ListPagesAsync($"{repository.Value}/tags/list?n={PageSize}", "tags", $"GET /v2/{repository.Value}/tags/list", refusedIsAbsent: false, ct);

    public async ValueTask<SourceManifest> GetManifestAsync(RepositoryName repository, string reference, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, Url($"{repository.Value}/manifests/{reference}"), AcceptManifests, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return SourceManifest.Missing($"the source has no manifest {repository.Value}:{reference}");
        }

        if (!response.IsSuccessStatusCode)
        {
            return SourceManifest.Missing(string.Create(CultureInfo.InvariantCulture, $"GET manifest {reference} answered {(int)response.StatusCode}"));
        }

        if (response.Content.Headers.ContentLength > maxManifestBytes)
        {
            return SourceManifest.Missing($"manifest {reference} is larger than the limit of {maxManifestBytes} bytes");
        }

        byte[]? content = await ReadCappedAsync(response.Content, maxManifestBytes, ct);
        if (content is null)
        {
            return SourceManifest.Missing($"manifest {reference} is larger than the limit of {maxManifestBytes} bytes");
        }

        Digest? named = response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values) && Digest.TryParse(values.FirstOrDefault(), out Digest said)
            ? said
            : null;
        return new SourceManifest(content, response.Content.Headers.ContentType?.MediaType, named, null);
    }

    public async ValueTask<IReadOnlyList<Digest>> ListReferrersAsync(RepositoryName repository, Digest subject, CancellationToken ct)
    {
        var found = new List<Digest>();
        Uri? next = Url($"{repository.Value}/referrers/{subject.Value}");
        for (int page = 0; next is not null && page < MaxPages; page++)
        {
            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, next, h => h.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciImageIndex)), ct);
            if (!response.IsSuccessStatusCode)
            {
                // No referrers API (404 from a registry that predates it): the tag schema's index, if there is one.
                return page == 0 ? await TaggedReferrersAsync(repository, subject, ct) : found;
            }

            await AddIndexEntriesAsync(response, found, ct);
            next = NextPage(response);
        }

        return found;
    }

    public async ValueTask<SourceBlob> OpenBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        HttpResponseMessage response = await SendAsync(HttpMethod.Get, Url($"{repository.Value}/blobs/{digest.Value}"), null, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return SourceBlob.Refused(string.Create(CultureInfo.InvariantCulture, $"GET blob answered {(int)response.StatusCode}"));
            }
        }

        try
        {
            return new SourceBlob(await response.Content.ReadAsStreamAsync(ct), null, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The manifests of the index tagged <c>sha256-HEX</c> (the OCI referrers tag schema); empty when there is none.</summary>
    private async ValueTask<IReadOnlyList<Digest>> TaggedReferrersAsync(RepositoryName repository, Digest subject, CancellationToken ct)
    {
        var found = new List<Digest>();
        string tag = subject.Value.Replace(':', '-');
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, Url($"{repository.Value}/manifests/{tag}"),
            h => h.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciImageIndex)), ct);
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is null or <= 4 * 1024 * 1024)
        {
            await AddIndexEntriesAsync(response, found, ct);
        }

        return found;
    }

    private static async Task AddIndexEntriesAsync(HttpResponseMessage response, List<Digest> found, CancellationToken ct)
    {
        await using Stream body = await response.Content.ReadAsStreamAsync(ct);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("manifests", out JsonElement manifests) && manifests.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement entry in manifests.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("digest", out JsonElement d)
                        && Digest.TryParse(d.GetString(), out Digest digest) && !found.Contains(digest))
                    {
                        found.Add(digest);
                    }
                }
            }
        }
    }

    /// <summary>Every string of <paramref name="property"/> over the pages; null when the first page is not found (or, when <paramref name="refusedIsAbsent"/>, refused).</summary>
    private async ValueTask<IReadOnlyList<string>?> ListPagesAsync(string first, string property, string what, bool refusedIsAbsent, CancellationToken ct)
    {
        var found = new List<string>();
        Uri? next = Url(first);
        for (int page = 0; next is not null; page++)
        {
            if (page == MaxPages)
            {
                throw new ReplicationTargetException($"{what}: more than {MaxPages} pages");
            }

            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, next, null, ct);
            if (page == 0 && (response.StatusCode == HttpStatusCode.NotFound
                || (refusedIsAbsent && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)))
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ReplicationTargetException(string.Create(CultureInfo.InvariantCulture, $"{what} answered {(int)response.StatusCode}"));
            }

            await using (Stream body = await response.Content.ReadAsStreamAsync(ct))
            {
                try
                {
                    using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                    if (document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty(property, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
                    {
                        foreach (JsonElement item in items.EnumerateArray())
                        {
                            if (item.ValueKind == JsonValueKind.String)
                            {
                                found.Add(item.GetString()!);
                            }
                        }
                    }
                }
                catch (JsonException e)
                {
                    throw new ReplicationTargetException($"{what} answered something that is not JSON: {e.Message}", e);
                }
            }

            next = NextPage(response);
        }

        return found;
    }

    /// <summary>The <c>rel="next"</c> target of the <c>Link</c> header, at the peer; null when there is none (the last page).</summary>
    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out IEnumerable<string>? links))
        {
            return null;
        }

        foreach (string link in links)
        {
            foreach (string part in link.Split(','))
            {
                int open = part.IndexOf('<', StringComparison.Ordinal);
                int close = part.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close < open || !part[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase) && !part[close..].Contains("rel=next", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // Only a page of the same registry: a Link elsewhere would carry the peer's credentials nowhere, but is not followed either.
                if (Uri.TryCreate(peer.Url, part[(open + 1)..close], out Uri? target) && UpstreamClient.SameAuthority(target, peer.Url)
                    && target.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal))
                {
                    return target;
                }
            }
        }

        return null;
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int max, CancellationToken ct)
    {
        await using Stream body = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static void AcceptManifests(HttpRequestHeaders headers)
    {
        foreach (string type in ManifestTypes)
        {
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Action<HttpRequestHeaders>? configure, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            return await client.SendAsync(peer, method, uri, configure, ct);
        }
        catch (Exception e) when (e is HttpRequestException || e.GetType().Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true)
        {
            throw new ReplicationTargetException($"{method} {uri.AbsolutePath}: {e.Message}", e);
        }
    }

    private Uri Url(string path) => new(peer.Url, "/v2/" + path);
}
