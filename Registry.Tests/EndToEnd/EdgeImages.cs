using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>What the edge tests share: a two-platform image pushed to an origin, an edge's docker remote over it, and JSON answers.</summary>
internal static class EdgeImages
{
    /// <summary>An index of a linux/amd64 and a linux/arm64 image (one shared config, a layer each), tagged.</summary>
    public static async Task<(byte[] AmdLayer, byte[] ArmLayer, PushedManifest Amd, PushedManifest Index)> PushTwoPlatformImageAsync(HttpClient client, string repository, string tag)
    {
        byte[] config = Manifests.Config();
        byte[] amdLayer = Digests.RandomBytes(3000);
        byte[] armLayer = Digests.RandomBytes(2000);
        await client.PushBlobAsync(repository, config);
        await client.PushBlobAsync(repository, amdLayer);
        await client.PushBlobAsync(repository, armLayer);
        PushedManifest amd = await client.PushManifestAsync(repository,
            Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, amdLayer)]), MediaTypes.OciManifest);
        PushedManifest arm = await client.PushManifestAsync(repository,
            Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, armLayer)]), MediaTypes.OciManifest);
        PushedManifest index = await client.PushManifestAsync(repository, Manifests.OciIndex(
            [amd.Descriptor with { Platform = ("linux", "amd64") }, arm.Descriptor with { Platform = ("linux", "arm64") }]), MediaTypes.OciIndex, tag);
        return (amdLayer, armLayer, amd, index);
    }

    public static async Task CreateRemoteAsync(HttpClient edge, string key, RegistryProcess origin)
    {
        using HttpResponseMessage response = await edge.PutAsJsonAsync($"/artifactory/api/repositories/{key}", new
        {
            rclass = "remote",
            packageType = "docker",
            url = origin.BaseUri.ToString(),
            username = "admin",
            password = origin.AdminPassword,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
