using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// Content a <see cref="Support.FakeUpstream"/> serves as an OCI registry: manifests by tag or digest (GET and HEAD,
/// with <c>Docker-Content-Digest</c>), blobs, tag lists. Seeded with a two-platform image; tags can be moved and
/// blob bytes corrupted to play an upstream that changes or misbehaves.
/// </summary>
internal sealed class UpstreamRepository
{
    private readonly ConcurrentDictionary<string, (string MediaType, byte[] Content)> manifests = new();
    private readonly ConcurrentDictionary<string, byte[]> blobs = new();
    private readonly ConcurrentDictionary<string, string> tags = new();

    public UpstreamRepository(string name)
    {
        Name = name;
        Platforms = [AddImage("amd64"), AddImage("arm64")];
        byte[] index = Manifests.OciIndex(Platforms.Select((p, i) => Descriptor.For(MediaTypes.OciManifest, p.Manifest) with { Platform = ("linux", i == 0 ? "amd64" : "arm64") }));
        IndexDigest = AddManifest(MediaTypes.OciIndex, index);
        tags["latest"] = IndexDigest;
    }

    public string Name { get; }

    public string IndexDigest { get; }

    public IReadOnlyList<UpstreamImage> Platforms { get; }

    /// <summary>Answer with these bytes instead of the stored ones for a blob (a corrupt upstream).</summary>
    public ConcurrentDictionary<string, byte[]> WrongBytes { get; } = new();

    /// <summary>Held before a blob's body is written, so a test can have many requests wait on one upstream fetch.</summary>
    public TaskCompletionSource? BlobGate { get; set; }

    /// <summary>Held after the first half of a blob's body was sent and flushed, so a test can watch a download in progress.</summary>
    public TaskCompletionSource? HalfGate { get; set; }

    public UpstreamImage AddImage(string seed)
    {
        byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"" + seed + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        byte[] layer = Encoding.UTF8.GetBytes("layer of " + seed + " " + Guid.NewGuid());
        blobs[Digests.Sha256(config)] = config;
        blobs[Digests.Sha256(layer)] = layer;
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        string digest = AddManifest(MediaTypes.OciManifest, manifest);
        return new UpstreamImage(digest, manifest, Digests.Sha256(config), Digests.Sha256(layer), layer);
    }

    public string AddManifest(string mediaType, byte[] content)
    {
        string digest = Digests.Sha256(content);
        manifests[digest] = (mediaType, content);
        return digest;
    }

    public void Tag(string tag, string digest) => tags[tag] = digest;

    public async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        string prefix = $"/v2/{Name}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        string rest = path[prefix.Length..];
        if (rest == "tags/list")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { name = Name, tags = tags.Keys.Order(StringComparer.Ordinal).ToArray() }));
            return;
        }

        if (rest.StartsWith("manifests/", StringComparison.Ordinal))
        {
            string reference = rest["manifests/".Length..];
            string digest = tags.TryGetValue(reference, out string? tagged) ? tagged : reference;
            if (!manifests.TryGetValue(digest, out (string MediaType, byte[] Content) manifest))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = manifest.MediaType;
            context.Response.Headers["Docker-Content-Digest"] = digest;
            context.Response.ContentLength = manifest.Content.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(manifest.Content);
            }

            return;
        }

        if (rest.StartsWith("blobs/", StringComparison.Ordinal) && blobs.TryGetValue(rest["blobs/".Length..], out byte[]? blob))
        {
            string digest = rest["blobs/".Length..];
            byte[] bytes = WrongBytes.TryGetValue(digest, out byte[]? wrong) ? wrong : blob;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = bytes.Length;
            context.Response.Headers["Docker-Content-Digest"] = digest;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            if (BlobGate is { } gate)
            {
                await gate.Task;
            }

            int half = HalfGate is null ? bytes.Length : bytes.Length / 2;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, half));
            if (HalfGate is { } halfGate)
            {
                await context.Response.Body.FlushAsync();
                await halfGate.Task;
            }

            await context.Response.Body.WriteAsync(bytes.AsMemory(half));
            return;
        }

        context.Response.StatusCode = 404;
    }
}

/// <summary>One platform's image manifest in an <see cref="UpstreamRepository"/>, with its config and layer.</summary>
internal sealed record UpstreamImage(string Digest, byte[] Manifest, string ConfigDigest, string LayerDigest, byte[] Layer);
