using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Several stateless nodes behind one name: any node serves any request, whatever node took the ones before
/// (with refresh tokens on, so that one node redeems another's).
/// </summary>
public sealed class MultiNodeTests(IdentityTokenCluster cluster) : IClassFixture<IdentityTokenCluster>
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    private HttpClient Node(int index) => cluster.Nodes[index].CreateClient();

    private HttpClient BearerClient(int index, string token)
    {
        HttpClient client = cluster.Nodes[index].CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> PushBlobAsync(HttpClient client, string repository, byte[] content)
    {
        string digest = Digests.Sha256(content);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage response = await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    private static async Task<(byte[] Manifest, string Digest)> PushImageAsync(HttpClient client, string repository, string tag, byte[] config, params byte[][] layers)
    {
        await PushBlobAsync(client, repository, config);
        foreach (byte[] layer in layers)
        {
            await PushBlobAsync(client, repository, layer);
        }

        byte[] manifest = Manifests.OciImage(
            Descriptor.For("application/vnd.oci.image.config.v1+json", config),
            layers.Select(l => Descriptor.For("application/vnd.oci.image.layer.v1.tar", l)));
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(OciManifest);
        using HttpResponseMessage response = await client.PutAsync($"/v2/{repository}/manifests/{tag}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (manifest, Digests.Sha256(manifest));
    }

    private static async Task<string?> TagDigestAsync(HttpClient client, string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(OciManifest);
        using HttpResponseMessage response = await client.SendAsync(request);
        return response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values) ? values.Single() : null;
    }

    [Fact]
    public async Task ImagePushedThroughNodeA_IsPulledCompletelyThroughNodeB()
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(3 * 1024 * 1024);
        using HttpClient a = Node(0);
        using HttpClient b = Node(1);
        (byte[] manifest, string digest) = await PushImageAsync(a, "fleet/app", "v1", config, layer);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/fleet/app/manifests/v1");
        request.Headers.Accept.ParseAdd(OciManifest);
        using HttpResponseMessage pulled = await b.SendAsync(request);
        byte[] pulledLayer = await b.GetByteArrayAsync($"/v2/fleet/app/blobs/{Digests.Sha256(layer)}");

        Assert.Equal(manifest, await pulled.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, pulled.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(Digests.Sha256(layer), Digests.Sha256(pulledLayer));
        Assert.Equal(config, await b.GetByteArrayAsync($"/v2/fleet/app/blobs/{Digests.Sha256(config)}"));
    }

    [Fact]
    public async Task TokenIssuedByNodeA_IsAcceptedByNodesBAndC_AndItsRefreshTokenIsRedeemedByNodeB()
    {
        // The nodes share the accounts and the token signing key through PostgreSQL, so a token from one node is
        // good on every other, and a client may take the next one from any of them.
        using HttpClient a = Node(0);
        (_, string digest) = await PushImageAsync(a, "fleet/token", "v1", Manifests.Config(), Digests.RandomBytes(1000));
        using HttpResponseMessage issued = await a.GetAsync("/token?service=registry&scope=repository:fleet/token:pull,push&offline_token=true");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        using JsonDocument fromA = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        string token = fromA.RootElement.GetProperty("token").GetString()!;
        string refreshToken = fromA.RootElement.GetProperty("refresh_token").GetString()!;

        for (int i = 1; i < 3; i++)
        {
            using HttpClient bearer = BearerClient(i, token);
            Assert.Equal(digest, await TagDigestAsync(bearer, "fleet/token", "v1"));
            byte[] blob = Digests.RandomBytes(500);
            Assert.Equal(Digests.Sha256(blob), await PushBlobAsync(bearer, "fleet/token", blob));
            using HttpResponseMessage outOfScope = await bearer.GetAsync("/v2/fleet/other/tags/list");
            Assert.Equal(HttpStatusCode.Unauthorized, outOfScope.StatusCode);
        }

        using HttpClient anonymousB = cluster.Nodes[1].CreateAnonymousClient();
        using var grant = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["service"] = "registry",
            ["scope"] = "repository:fleet/token:pull",
        });
        using HttpResponseMessage refreshed = await anonymousB.PostAsync("/token", grant);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using JsonDocument fromB = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync());
        using HttpClient bearerOnC = BearerClient(2, fromB.RootElement.GetProperty("token").GetString()!);
        Assert.Equal(digest, await TagDigestAsync(bearerOnC, "fleet/token", "v1"));
    }

    [Fact]
    public async Task ChunkedUpload_OpenedOnA_ContinuedOnB_CompletedOnC_StoresTheWholeBlob()
    {
        byte[] content = Digests.RandomBytes(14 * 1024 * 1024 + 123);
        string digest = Digests.Sha256(content);
        (int Start, int Length)[] chunks = [(0, 6 * 1024 * 1024), (6 * 1024 * 1024, 1024 * 1024), (7 * 1024 * 1024, content.Length - 7 * 1024 * 1024)];
        using HttpClient a = Node(0);
        using HttpResponseMessage opened = await a.PostAsync("/v2/fleet/chunked/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        string location = opened.Headers.Location!.ToString();

        for (int i = 0; i < chunks.Length; i++)
        {
            using HttpClient node = Node(i);
            using var body = new ByteArrayContent(content, chunks[i].Start, chunks[i].Length);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.TryAddWithoutValidation("Content-Range", $"{chunks[i].Start}-{chunks[i].Start + chunks[i].Length - 1}");
            using HttpResponseMessage patched = await node.PatchAsync(location, body);
            Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
            Assert.Equal($"0-{chunks[i].Start + chunks[i].Length - 1}", patched.Headers.GetValues("Range").Single());
            location = patched.Headers.Location!.ToString();
        }

        using HttpClient c = Node(2);
        using HttpResponseMessage closed = await c.PutAsync(RegistryRequests.WithDigest(location, digest), null);
        Assert.Equal(HttpStatusCode.Created, closed.StatusCode);
        using HttpClient b = Node(1);
        Assert.Equal(digest, Digests.Sha256(await b.GetByteArrayAsync($"/v2/fleet/chunked/blobs/{digest}")));
        Assert.DoesNotContain(await cluster.ObjectKeysAsync(), key => key.StartsWith("uploads/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TagMovedOnA_IsServedByEveryOtherNodeAtOnce()
    {
        byte[] config = Manifests.Config();
        using HttpClient a = Node(0);
        (_, string first) = await PushImageAsync(a, "fleet/moving", "stable", config, Digests.RandomBytes(1000));
        for (int i = 1; i < 3; i++)
        {
            using HttpClient reader = Node(i);
            Assert.Equal(first, await TagDigestAsync(reader, "fleet/moving", "stable"));
            Assert.Contains("stable", (await Pages.GetAsync(reader, "/v2/fleet/moving/tags/list", "tags")).Items);
        }

        (_, string second) = await PushImageAsync(a, "fleet/moving", "stable", config, Digests.RandomBytes(1000));
        await PushImageAsync(a, "fleet/moving", "next", config, Digests.RandomBytes(1000));
        for (int i = 1; i < 3; i++)
        {
            using HttpClient reader = Node(i);
            Assert.Equal(second, await TagDigestAsync(reader, "fleet/moving", "stable"));
            Assert.Equal(["next", "stable"], (await Pages.GetAsync(reader, "/v2/fleet/moving/tags/list", "tags")).Items);
        }
    }

    [Fact]
    public async Task SameLayersPushedConcurrentlyThroughEveryNode_AreStoredOnce()
    {
        byte[] config = Manifests.Config();
        byte[][] layers = [Digests.RandomBytes(2 * 1024 * 1024), Digests.RandomBytes(6 * 1024 * 1024), Digests.RandomBytes(100)];
        string[] digests = [Digests.Sha256(config), .. layers.Select(l => Digests.Sha256(l))];

        await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            using HttpClient node = Node(i);
            await PushImageAsync(node, $"fleet/shared{i}", "v1", config, layers);
        }));

        IReadOnlyList<string> keys = await cluster.ObjectKeysAsync();
        foreach (string digest in digests)
        {
            string hex = digest["sha256:".Length..];
            Assert.Single(keys, key => key == $"blobs/sha256/{hex[..2]}/{hex}");
        }

        Assert.DoesNotContain(keys, key => key.StartsWith("uploads/", StringComparison.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            using HttpClient reader = Node((i + 1) % 3);
            Assert.Equal(layers[1], await reader.GetByteArrayAsync($"/v2/fleet/shared{i}/blobs/{digests[2]}"));
        }
    }
}
