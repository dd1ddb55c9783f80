using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>A few OCI distribution API calls, to check what the clients left in the registry.</summary>
internal sealed class DistributionClient(HttpClient http)
{
    public const string DockerManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestListMediaType = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static readonly string[] AllManifestMediaTypes =
    [
        OciLayoutBuilder.ManifestMediaType,
        OciLayoutBuilder.IndexMediaType,
        DockerManifestMediaType,
        DockerManifestListMediaType,
    ];

    public async Task<ManifestResponse> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
        foreach (var mediaType in AllManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new ManifestResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("Docker-Content-Digest", out var digests) ? digests.FirstOrDefault() : null,
            body);
    }

    /// <summary>The layer digests of an image manifest, in order.</summary>
    public async Task<IReadOnlyList<string>> GetLayerDigestsAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var manifest = await GetManifestAsync(repository, reference, cancellationToken);
        if (manifest.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /v2/{repository}/manifests/{reference}: {manifest}");
        }

        using var json = manifest.Json();
        return json.RootElement.GetProperty("layers").EnumerateArray()
            .Select(layer => layer.GetProperty("digest").GetString()!)
            .ToList();
    }

    public async Task<IReadOnlyList<string>> GetTagsAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"v2/{repository}/tags/list", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /v2/{repository}/tags/list: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(tag => tag.GetString()!).ToList()
            : [];
    }

    public async Task<HttpStatusCode> HeadBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}");
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }
}
