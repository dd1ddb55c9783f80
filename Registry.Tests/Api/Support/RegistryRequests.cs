using System.Net;
using System.Net.Http.Headers;

namespace Registry.Tests.Api;

/// <summary>Request shortcuts for the distribution API; each push helper asserts its own success.</summary>
public static class RegistryRequests
{
    public static HttpRequestMessage Request(HttpMethod method, string url, byte[]? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return request;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, byte[]? body = null, string? contentType = null)
        => client.SendAsync(Request(method, url, body, contentType));

    public static Task<HttpResponseMessage> HeadAsync(this HttpClient client, string url)
        => client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

    /// <summary>Monolithic upload (<c>POST ?digest=</c>); returns the digest.</summary>
    public static async Task<string> PushBlobAsync(this HttpClient client, string repository, byte[] content, bool sha512 = false)
    {
        string digest = sha512 ? Digests.Sha512(content) : Digests.Sha256(content);
        using HttpResponseMessage response = await client.SendAsync(HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?digest={digest}", content, MediaTypes.OctetStream);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>Opens an upload session; returns its Location (a path).</summary>
    public static async Task<string> StartUploadAsync(this HttpClient client, string repository)
    {
        using HttpResponseMessage response = await client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location?.OriginalString ?? throw new InvalidOperationException("no Location");
    }

    /// <summary>Appends <c>?digest=</c> (or <c>&amp;digest=</c>) to an upload Location.</summary>
    public static string WithDigest(string location, string digest)
        => location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + digest;

    /// <summary>PATCH with a spec-form Content-Range (<c>start-end</c>).</summary>
    public static Task<HttpResponseMessage> PatchChunkAsync(this HttpClient client, string location, byte[] chunk, long start, string? contentRange = null)
    {
        HttpRequestMessage request = Request(HttpMethod.Patch, location, chunk, MediaTypes.OctetStream);
        request.Content!.Headers.TryAddWithoutValidation("Content-Range", contentRange ?? $"{start}-{start + chunk.Length - 1}");
        return client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PutManifestAsync(this HttpClient client, string repository, string reference, byte[] content, string? mediaType)
        => await client.SendAsync(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}", content, mediaType);

    /// <summary>Pushes a manifest and asserts 201; the reference defaults to the manifest's digest.</summary>
    public static async Task<PushedManifest> PushManifestAsync(this HttpClient client, string repository, byte[] content, string mediaType, string? reference = null)
    {
        string digest = Digests.Sha256(content);
        using HttpResponseMessage response = await client.PutManifestAsync(repository, reference ?? digest, content, mediaType);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"PUT manifest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new PushedManifest(repository, content, mediaType, digest);
    }

    /// <summary>Pushes a config and one layer, then an OCI image manifest referencing them.</summary>
    public static async Task<PushedManifest> PushImageAsync(this HttpClient client, string repository, string? tag = null,
        Descriptor? subject = null, string? artifactType = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(64);
        await client.PushBlobAsync(repository, config);
        await client.PushBlobAsync(repository, layer);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config),
            [Descriptor.For(MediaTypes.OciLayer, layer)], subject, artifactType, annotations);
        return await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag);
    }

    /// <summary>Pushes an artifact: empty config (never uploaded), one blob layer, optional subject and annotations.</summary>
    public static async Task<PushedManifest> PushArtifactAsync(this HttpClient client, string repository, string artifactType,
        Descriptor? subject = null, IReadOnlyDictionary<string, string>? annotations = null, string? tag = null)
    {
        byte[] payload = Digests.RandomBytes(32);
        await client.PushBlobAsync(repository, payload);
        byte[] manifest = Manifests.OciImage(Descriptor.Empty, [Descriptor.For("application/vnd.example.payload", payload)],
            subject, artifactType, annotations);
        return await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag);
    }

    public static string? Header(this HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    public static string? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);
}
