using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// A pull rule against a fake registry (<see cref="FakeUpstream"/>): tag lists are read page by page through the
/// <c>Link</c> header; a blob whose bytes do not hash to its digest or run past its descriptor's size, or a manifest
/// whose bytes are not the digest the source names, fails its tag and stores nothing; a referrer listed only under the
/// <c>sha256-HEX</c> tag (no referrers API) is carried with its subject; a catalog the source refuses leaves the patterns with wildcards
/// unanswered (the run says so) while a repository named without wildcards is still pulled.
/// </summary>
public sealed class PullReplicationSourceTests : IAsyncLifetime
{
    private readonly AuthRegistry _registry = new();
    private FakeUpstream _source = null!;

    public async Task InitializeAsync() => _source = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        _registry.Dispose();
    }

    [Fact]
    public async Task Pull_FollowsTagPages_RefusesBytesThatDoNotMatchTheirDigest_StoringNothing_AndPullsNamedRepositoriesWithoutTheCatalog()
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(5000);
        byte[] forged = Digests.RandomBytes(700);
        byte[] good = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        byte[] badLayer = Digests.RandomBytes(700);
        byte[] lying = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, badLayer)]);
        byte[] misnamed = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, Digests.RandomBytes(10))]);
        byte[] payload = Digests.RandomBytes(40);
        byte[] signature = Manifests.OciImage(Descriptor.Empty, [Descriptor.For("application/vnd.example.payload", payload)],
            new Descriptor(MediaTypes.OciManifest, Digests.Sha256(good), good.Length), "application/vnd.example.signature");
        byte[] signatures = Manifests.OciIndex([new Descriptor(MediaTypes.OciManifest, Digests.Sha256(signature), signature.Length)]);
        byte[] longer = Digests.RandomBytes(3000);
        byte[] understated = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config),
            [new Descriptor(MediaTypes.OciLayer, Digests.Sha256(longer), longer.Length - 1)]);
        var blobs = new Dictionary<string, byte[]>
        {
            [Digests.Sha256(config)] = config,
            [Digests.Sha256(layer)] = layer,
            [Digests.Sha256(badLayer)] = forged, // served under the wrong digest
            [Digests.Sha256(payload)] = payload,
            [Digests.Sha256(longer)] = longer, // one byte more than its descriptor says
        };
        _source.Handler = async context =>
        {
            string path = context.Request.Path.Value!;
            string last = context.Request.Query["last"].ToString();
            if (path == "/v2/_catalog")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
            }
            else if (path == "/v2/bad/app/tags/list" && last.Length == 0)
            {
                context.Response.Headers.Link = "</v2/bad/app/tags/list?n=1000&last=1.0>; rel=\"next\"";
                await context.Response.WriteAsJsonAsync(new { name = "bad/app", tags = new[] { "1.0" } });
            }
            else if (path == "/v2/bad/app/tags/list" && last == "1.0")
            {
                await context.Response.WriteAsJsonAsync(new { name = "bad/app", tags = new[] { "2.0", "3.0", "4.0" } });
            }
            else if (path.StartsWith("/v2/bad/app/manifests/", StringComparison.Ordinal))
            {
                (byte[] body, string digest)? answer = path[22..] switch
                {
                    "1.0" => (lying, Digests.Sha256(lying)),
                    "2.0" => (misnamed, Digests.Sha256(good)), // names another digest than its bytes have
                    "3.0" => (good, Digests.Sha256(good)),
                    "4.0" => (understated, Digests.Sha256(understated)),
                    _ when path[22..] == Digests.Sha256(good).Replace(':', '-') => (signatures, Digests.Sha256(signatures)), // no referrers API: the tag schema
                    _ when path[22..] == Digests.Sha256(signature) => (signature, Digests.Sha256(signature)),
                    _ => null,
                };
                if (answer is not { } found)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.ContentType = found.body == signatures ? MediaTypes.OciIndex : MediaTypes.OciManifest;
                context.Response.Headers["Docker-Content-Digest"] = found.digest;
                await context.Response.Body.WriteAsync(found.body);
            }
            else if (path.StartsWith("/v2/bad/app/blobs/", StringComparison.Ordinal) && blobs.TryGetValue(path[18..], out byte[]? blob))
            {
                context.Response.ContentType = MediaTypes.OctetStream;
                context.Response.ContentLength = blob.Length;
                await context.Response.Body.WriteAsync(blob);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        };

        HttpClient admin = _registry.Admin;
        using HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "from-fake",
            direction = "pull",
            registry = new { url = _source.BaseUri.GetLeftPart(UriPartial.Authority) },
            filter = new { repositories = new[] { "bad/app", "other/*" } },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        using HttpResponseMessage response = await admin.PostAsync("/api/v1/replication/rules/from-fake/run", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement run = json.RootElement;

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("/v2/_catalog", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Dictionary<string, JsonElement> items = run.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("tag").GetString()!);
        Assert.Equal(["1.0", "2.0", "3.0", "4.0"], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Failed", items["1.0"].GetProperty("outcome").GetString());
        Assert.Contains($"hash to {Digests.Sha256(forged)}, not {Digests.Sha256(badLayer)}; nothing was stored", items["1.0"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", items["2.0"].GetProperty("outcome").GetString());
        Assert.Contains($"hash to {Digests.Sha256(misnamed)}, not {Digests.Sha256(good)}", items["2.0"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Copied", items["3.0"].GetProperty("outcome").GetString());
        Assert.Equal("Failed", items["4.0"].GetProperty("outcome").GetString());
        Assert.Contains($"more than the {longer.Length - 1} bytes", items["4.0"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _source.Count("GET", $"/v2/bad/app/referrers/{Digests.Sha256(good)}"));
        Assert.Equal(2, _source.Count("GET", "/v2/bad/app/tags/list"));

        IBlobStore store = _registry.Service<IBlobStore>();
        Assert.Null(await store.StatAsync(Digest.Parse(Digests.Sha256(badLayer)), CancellationToken.None));
        Assert.Null(await store.StatAsync(Digest.Parse(Digests.Sha256(forged)), CancellationToken.None));
        Assert.Null(await store.StatAsync(Digest.Parse(Digests.Sha256(lying)), CancellationToken.None));
        Assert.Null(await store.StatAsync(Digest.Parse(Digests.Sha256(misnamed)), CancellationToken.None));
        Assert.Null(await store.StatAsync(Digest.Parse(Digests.Sha256(longer)), CancellationToken.None));
        using (HttpResponseMessage missing = await admin.GetAsync("/v2/bad/app/manifests/1.0"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (HttpResponseMessage pulled = await admin.GetAsync("/v2/bad/app/manifests/3.0"))
        {
            await OciAssert.SuccessAsync(pulled, HttpStatusCode.OK);
            Assert.Equal(good, await pulled.Content.ReadAsByteArrayAsync());
        }

        // The signature the source lists under the sha256-HEX tag arrived with its subject and is a referrer here.
        using (HttpResponseMessage referrers = await admin.GetAsync($"/v2/bad/app/referrers/{Digests.Sha256(good)}"))
        {
            await OciAssert.SuccessAsync(referrers, HttpStatusCode.OK);
            using JsonDocument list = JsonDocument.Parse(await referrers.Content.ReadAsStringAsync());
            Assert.Equal(Digests.Sha256(signature), Assert.Single(list.RootElement.GetProperty("manifests").EnumerateArray()).GetProperty("digest").GetString());
        }
    }
}
