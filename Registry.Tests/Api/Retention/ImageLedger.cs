namespace Registry.Tests.Api.Retention;

/// <summary>
/// Pushes images, indexes and signatures through the OCI API and remembers which blobs (config, layers and the
/// manifest's own bytes) each manifest uses, with their sizes, so a test can work out on its own which bytes a
/// deletion frees.
/// </summary>
internal sealed class ImageLedger(HttpClient client)
{
    private readonly Dictionary<(string Repository, string Digest), Dictionary<string, long>> _uses = [];

    /// <summary>An image of a fresh config and the given layers, tagged when a tag is given.</summary>
    public async Task<PushedManifest> ImageAsync(string repository, string? tag, params byte[][] layers)
        => await PushImageAsync(repository, tag, layers, null, null);

    /// <summary>A signature-like artifact (own config and payload) whose subject is <paramref name="subject"/>.</summary>
    public async Task<PushedManifest> SignatureAsync(PushedManifest subject)
        => await PushImageAsync(subject.Repository, null, [Digests.RandomBytes(80)], subject.Descriptor, "application/vnd.dev.cosign.artifact.sig.v1+json");

    public async Task<PushedManifest> IndexAsync(string repository, string tag, params (PushedManifest Manifest, string Architecture)[] children)
    {
        byte[] index = Manifests.OciIndex(children.Select(c => c.Manifest.Descriptor with { Platform = ("linux", c.Architecture) }));
        PushedManifest pushed = await client.PushManifestAsync(repository, index, MediaTypes.OciIndex, tag);
        _uses[(repository, pushed.Digest)] = new() { [pushed.Digest] = index.Length };
        return pushed;
    }

    /// <summary>Points another tag at a manifest pushed before (a PUT of the same bytes).</summary>
    public async Task TagAsync(PushedManifest manifest, string tag)
        => await client.PushManifestAsync(manifest.Repository, manifest.Content, manifest.MediaType, tag);

    /// <summary>
    /// Bytes of the blobs that the deleted manifests use and no remaining manifest (of any repository the ledger
    /// pushed to) does: what deleting them really frees.
    /// </summary>
    public long BytesFreedBy(IReadOnlySet<(string Repository, string Digest)> deleted)
    {
        var used = new Dictionary<string, long>();
        var stillUsed = new HashSet<string>();
        foreach (((string Repository, string Digest) manifest, Dictionary<string, long> blobs) in _uses)
        {
            foreach ((string digest, long size) in blobs)
            {
                if (deleted.Contains(manifest))
                {
                    used[digest] = size;
                }
                else
                {
                    stillUsed.Add(digest);
                }
            }
        }

        return used.Where(b => !stillUsed.Contains(b.Key)).Sum(b => b.Value);
    }

    private async Task<PushedManifest> PushImageAsync(string repository, string? tag, byte[][] layers, Descriptor? subject, string? artifactType)
    {
        byte[] config = Manifests.Config();
        await client.PushBlobAsync(repository, config);
        var blobs = new Dictionary<string, long> { [Digests.Sha256(config)] = config.Length };
        foreach (byte[] layer in layers)
        {
            await client.PushBlobAsync(repository, layer);
            blobs[Digests.Sha256(layer)] = layer.Length;
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [.. layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l))], subject, artifactType);
        PushedManifest pushed = await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag);
        blobs[pushed.Digest] = manifest.Length;
        _uses[(repository, pushed.Digest)] = blobs;
        return pushed;
    }
}
