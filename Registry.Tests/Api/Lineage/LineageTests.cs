using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Lineage;

/// <summary>
/// Base-image lineage through the management API: images are linked to the base whose layers are the longest prefix
/// of theirs, and listed as current or stale as the base tag moves.
/// </summary>
public sealed class LineageTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    /// <summary>Pushes an image whose layers are the given blobs (pushed first), under a tag; returns its digest.</summary>
    private async Task<string> PushImageAsync(string repository, string tag, params byte[][] layers)
    {
        byte[] config = Manifests.Config();
        await _client.PushBlobAsync(repository, config);
        foreach (byte[] layer in layers)
        {
            await _client.PushBlobAsync(repository, layer);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l)));
        return (await _client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag)).Digest;
    }

    private static byte[] Layer() => Digests.RandomBytes(48);

    private async Task<JsonElement> LineageAsync(string @base)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/api/v1/lineage?base={Uri.EscapeDataString(@base)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, string> StatusByRepository(JsonElement report)
        => report.GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("repository").GetString()!, i => i.GetProperty("status").GetString()!);

    [Fact]
    public async Task BaseMovedTwice_ImagesOnOlderDigestsAreStale_ImagesOnTheCurrentOneAreCurrent()
    {
        string ns = "l" + Guid.NewGuid().ToString("N")[..8];
        byte[] os = Layer();
        string v1 = await PushImageAsync($"base/{ns}-java", "17", os, Layer());
        await PushImageAsync($"{ns}/app-one", "1", [.. await LayersOfAsync($"base/{ns}-java", v1), Layer()]);
        string v2 = await PushImageAsync($"base/{ns}-java", "17", os, Layer());
        await PushImageAsync($"{ns}/app-two", "1", [.. await LayersOfAsync($"base/{ns}-java", v2), Layer()]);
        string v3 = await PushImageAsync($"base/{ns}-java", "17", os, Layer());
        await PushImageAsync($"{ns}/app-three", "1", [.. await LayersOfAsync($"base/{ns}-java", v3), Layer(), Layer()]);
        await PushImageAsync($"{ns}/unrelated", "1", Layer(), Layer());

        JsonElement report = await LineageAsync($"base/{ns}-java:17");

        Assert.Equal(v3, report.GetProperty("currentDigest").GetString());
        Assert.Equal(new Dictionary<string, string>
        {
            [$"{ns}/app-three"] = "current",
            [$"{ns}/app-two"] = "stale",
            [$"{ns}/app-one"] = "stale",
        }, StatusByRepository(report));
        JsonElement two = report.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("repository").GetString() == $"{ns}/app-two");
        Assert.Equal(v2, two.GetProperty("baseDigest").GetString());
        Assert.Equal(["1"], two.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ImageOnADerivedBase_BelongsToTheLongestBase_NotToItsAncestor()
    {
        string ns = "l" + Guid.NewGuid().ToString("N")[..8];
        byte[] os = Layer();
        byte[] jdk = Layer();
        byte[] tomcat = Layer();
        await PushImageAsync($"base/{ns}-java", "17", os, jdk);
        await PushImageAsync($"base/{ns}-tomcat", "10", os, jdk, tomcat);
        await PushImageAsync($"{ns}/service", "1", os, jdk, Layer());
        string webapp = await PushImageAsync($"{ns}/webapp", "1", os, jdk, tomcat, Layer());

        Assert.Equal(new Dictionary<string, string>
        {
            [$"base/{ns}-tomcat"] = "current",
            [$"{ns}/service"] = "current",
        }, StatusByRepository(await LineageAsync($"base/{ns}-java:17")));
        Assert.Equal(new Dictionary<string, string> { [$"{ns}/webapp"] = "current" }, StatusByRepository(await LineageAsync($"base/{ns}-tomcat:10")));

        using HttpResponseMessage response = await _client.GetAsync($"/api/v1/repositories/{ns}/webapp/manifests/{webapp}/base");
        JsonElement found = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("base");
        Assert.Equal($"base/{ns}-tomcat", found.GetProperty("repository").GetString());
        Assert.Equal(3, found.GetProperty("layers").GetInt32());
        Assert.Equal(["10"], found.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("current", found.GetProperty("status").GetString());
    }

    [Fact]
    public async Task BaseOfAnImageWhoseBaseTagMoved_IsStale_AndImagesOutsideBaseRepositoriesAreNoBase()
    {
        string ns = "l" + Guid.NewGuid().ToString("N")[..8];
        byte[] os = Layer();
        byte[] old = Layer();
        await PushImageAsync($"base/{ns}-alpine", "3", os, old);
        await PushImageAsync($"{ns}/not-a-base", "1", os, old);
        string app = await PushImageAsync($"{ns}/app", "1", os, old, Layer());
        await PushImageAsync($"base/{ns}-alpine", "3", os, Layer());

        using HttpResponseMessage response = await _client.GetAsync($"/api/v1/repositories/{ns}%2Fapp/manifests/{app}/base");
        JsonElement found = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("base");

        Assert.Equal($"base/{ns}-alpine", found.GetProperty("repository").GetString());
        Assert.Equal("stale", found.GetProperty("status").GetString());
        Assert.Empty(found.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task Lineage_OfAnUnknownTag_Is404_AndAMalformedBaseIs400()
    {
        using HttpResponseMessage unknown = await _client.GetAsync("/api/v1/lineage?base=base/never:1");
        using HttpResponseMessage malformed = await _client.GetAsync("/api/v1/lineage?base=no-tag");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    /// <summary>The layers of a pushed manifest, by fetching them back, so derived images reuse the exact same blobs.</summary>
    private async Task<byte[][]> LayersOfAsync(string repository, string digest)
    {
        JsonElement manifest = await _client.GetFromJsonAsync<JsonElement>($"/v2/{repository}/manifests/{digest}");
        var layers = new List<byte[]>();
        foreach (JsonElement layer in manifest.GetProperty("layers").EnumerateArray())
        {
            layers.Add(await _client.GetByteArrayAsync($"/v2/{repository}/blobs/{layer.GetProperty("digest").GetString()}"));
        }

        return [.. layers];
    }
}
