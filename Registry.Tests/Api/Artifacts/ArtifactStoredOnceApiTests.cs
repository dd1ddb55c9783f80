using System.Net;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>Artifacts share the content-addressed blob store with images: identical bytes are stored once, whichever came first.</summary>
public sealed class ArtifactStoredOnceApiTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task BytesUploadedAsAnArtifactAndAsAnImageLayer_AreStoredOnce()
    {
        using HttpClient admin = factory.CreateRegistryClient();
        string repo = await admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(100_000);
        int before = factory.CountBlobFiles();

        await admin.DeployOkAsync($"/artifactory/{repo}/layer.tar", content);
        Assert.Equal(before + 1, factory.CountBlobFiles());
        string digest = await admin.PushBlobAsync("stored/once", content);
        Assert.Equal(before + 1, factory.CountBlobFiles());
        Assert.True(factory.HasStoredBlob(digest));

        // The other way round: a layer first, then the same bytes deployed by checksum (no upload) and by upload.
        byte[] layer = Digests.RandomBytes(50_000);
        string layerDigest = await admin.PushBlobAsync("stored/once", layer);
        await admin.DeployOkAsync($"/artifactory/{repo}/by-checksum.tar", [], ("X-Checksum-Deploy", "true"), ("X-Checksum-Sha256", Digests.Hex(layerDigest)));
        await admin.DeployOkAsync($"/artifactory/{repo}/uploaded.tar", layer);
        Assert.Equal(before + 2, factory.CountBlobFiles());
        using HttpResponseMessage get = await admin.GetAsync($"/artifactory/{repo}/by-checksum.tar");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(layer, await get.Content.ReadAsByteArrayAsync());
    }
}
