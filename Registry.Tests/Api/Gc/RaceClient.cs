using System.Net;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// One client of the GC race: pushes images (checking each blob with HEAD first, sometimes mounting it, as docker
/// does), tags, moves tags, deletes tags and manifests, and pulls, in repositories of its own, keeping a model of
/// what should be there. Any unexpected answer is recorded as a failure.
/// </summary>
internal sealed class RaceClient(HttpClient http, int id, IReadOnlyList<byte[]> baseLayers, int seed)
{
    private readonly Random _random = new(seed);
    private readonly string[] _repositories = [$"gc-race/c{id}-a", $"gc-race/c{id}-b"];
    private int _tags;

    public List<RaceImage> Images { get; } = [];

    public List<string> Failures { get; } = [];

    public int Operations { get; private set; }

    public async Task RunUntilAsync(DateTimeOffset deadline)
    {
        while (TimeProvider.System.GetUtcNow() < deadline && Failures.Count == 0)
        {
            // Few live images per client, so shared layers often lose their last reference while others push them.
            int dice = _random.Next(100);
            Task operation = Images.Count < 2 || dice < 30 ? PushAsync()
                : dice < 38 ? TagAsync()
                : dice < 44 ? MoveTagAsync()
                : dice < (Images.Count > 4 ? 85 : 55) ? DeleteManifestAsync()
                : dice < 90 ? DeleteTagAsync()
                : PullAsync(Images[_random.Next(Images.Count)]);
            await operation;
            Operations++;
        }
    }

    /// <summary>Pulls the image by digest and by each tag, checking every byte against its digest.</summary>
    public async Task PullAsync(RaceImage image)
    {
        foreach (string reference in image.Tags.Prepend(image.Digest).ToList())
        {
            using HttpResponseMessage manifest = await http.GetAsync($"/v2/{image.Repository}/manifests/{reference}");
            byte[] bytes = await manifest.Content.ReadAsByteArrayAsync();
            await ExpectAsync(manifest.StatusCode == HttpStatusCode.OK && Digests.Sha256(bytes) == image.Digest, $"pull {image.Repository}:{reference}", manifest, bytes);
        }

        foreach ((string digest, long size) in image.Blobs)
        {
            using HttpResponseMessage blob = await http.GetAsync($"/v2/{image.Repository}/blobs/{digest}");
            byte[] bytes = await blob.Content.ReadAsByteArrayAsync();
            await ExpectAsync(blob.StatusCode == HttpStatusCode.OK && bytes.Length == size && Digests.Sha256(bytes) == digest, $"pull blob {image.Repository}@{digest}", blob, bytes);
        }
    }

    private async Task PushAsync()
    {
        string repository = _repositories[_random.Next(_repositories.Length)];
        List<byte[]> layers = [.. baseLayers.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3))];
        if (_random.Next(2) == 0)
        {
            layers.Add(Digests.RandomBytes(_random.Next(1024, 8192)));
        }

        byte[] config = Manifests.Config();
        foreach (byte[] blob in layers.Prepend(config))
        {
            await EnsureBlobAsync(repository, blob);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [.. layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l))]);
        var image = new RaceImage(repository, manifest, layers.Prepend(config).DistinctBy(b => Digests.Sha256(b)).ToDictionary(b => Digests.Sha256(b), b => (long)b.Length));
        string tag = $"t{++_tags}";
        if (await PutManifestAsync(image, tag))
        {
            image.Tags.Add(tag);
            Images.Add(image);
        }
    }

    /// <summary>HEAD first (a 200 means the client skips the upload and relies on it), else mount or upload.</summary>
    private async Task EnsureBlobAsync(string repository, byte[] content)
    {
        string digest = Digests.Sha256(content);
        using (HttpResponseMessage head = await http.HeadAsync($"/v2/{repository}/blobs/{digest}"))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }

        string? session = null;
        if (_random.Next(3) == 0)
        {
            string from = $"gc-race/c{_random.Next(4)}-a";
            using HttpResponseMessage mount = await http.PostAsync($"/v2/{repository}/blobs/uploads/?mount={digest}&from={from}", null);
            if (mount.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            await ExpectAsync(mount.StatusCode == HttpStatusCode.Accepted, $"mount {digest} into {repository}", mount);
            session = mount.Headers.Location?.OriginalString;
        }
        else if (_random.Next(2) == 0)
        {
            using HttpResponseMessage monolithic = await http.SendAsync(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={digest}", content, MediaTypes.OctetStream);
            await ExpectAsync(monolithic.StatusCode == HttpStatusCode.Created, $"upload {digest} to {repository}", monolithic);
            return;
        }

        session ??= await http.StartUploadAsync(repository);
        using HttpResponseMessage put = await http.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(session, digest), content, MediaTypes.OctetStream);
        await ExpectAsync(put.StatusCode == HttpStatusCode.Created, $"close upload of {digest} to {repository}", put);
    }

    private async Task<bool> PutManifestAsync(RaceImage image, string tag)
    {
        using HttpResponseMessage response = await http.PutManifestAsync(image.Repository, tag, image.Content, MediaTypes.OciManifest);
        return await ExpectAsync(response.StatusCode == HttpStatusCode.Created, $"push {image.Repository}:{tag}", response);
    }

    private async Task TagAsync()
    {
        RaceImage image = Images[_random.Next(Images.Count)];
        string tag = $"t{++_tags}";
        if (await PutManifestAsync(image, tag))
        {
            image.Tags.Add(tag);
        }
    }

    private async Task MoveTagAsync()
    {
        RaceImage from = Images[_random.Next(Images.Count)];
        RaceImage? to = Images.FirstOrDefault(i => i != from && i.Repository == from.Repository);
        if (from.Tags.Count == 0 || to is null)
        {
            await TagAsync();
            return;
        }

        string tag = from.Tags.First();
        if (await PutManifestAsync(to, tag))
        {
            from.Tags.Remove(tag);   // the old image stays, untagged: still referenced by its manifest row
            to.Tags.Add(tag);
        }
    }

    private async Task DeleteManifestAsync()
    {
        RaceImage image = Images[_random.Next(Images.Count)];
        using HttpResponseMessage response = await http.DeleteAsync($"/v2/{image.Repository}/manifests/{image.Digest}");
        if (await ExpectAsync(response.StatusCode == HttpStatusCode.Accepted, $"delete {image.Repository}@{image.Digest}", response))
        {
            Images.Remove(image);
        }
    }

    private async Task DeleteTagAsync()
    {
        RaceImage? image = Images.FirstOrDefault(i => i.Tags.Count > 0);
        if (image is null)
        {
            return;
        }

        string tag = image.Tags.First();
        using HttpResponseMessage response = await http.DeleteAsync($"/v2/{image.Repository}/manifests/{tag}");
        if (await ExpectAsync(response.StatusCode == HttpStatusCode.Accepted, $"delete tag {image.Repository}:{tag}", response))
        {
            image.Tags.Remove(tag);
        }
    }

    private async Task<bool> ExpectAsync(bool ok, string what, HttpResponseMessage response, byte[]? body = null)
    {
        if (!ok)
        {
            string text = body is null ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : $"{body.Length} bytes";
            Failures.Add($"client {id}: {what} answered {(int)response.StatusCode}: {text}");
        }

        return ok;
    }
}
