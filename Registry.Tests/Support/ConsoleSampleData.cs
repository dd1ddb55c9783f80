using System.Text;
using System.Text.Json.Nodes;
using Registry.Tests.Api;
using MediaTypes = Registry.Tests.Api.MediaTypes;

namespace Registry.Tests.Support;

/// <summary>
/// Images that make the console's pages show what they can: a base image and an application built on it (whose base
/// tag then moves on, so it shows as stale), a multi-platform index (whose platforms share a layer), an SBOM referring to an image, and release tags.
/// </summary>
internal static class ConsoleSampleData
{
    public const string Base = "base/debian";
    public const string Api = "team/api";
    public const string Web = "team/web";

    public static async Task<PushedManifest> SeedAsync(HttpClient admin)
    {
        byte[] baseLayer = Digests.RandomBytes(48 * 1024);
        byte[] appLayer = Digests.RandomBytes(120 * 1024);
        await PushImageAsync(admin, Base, "12", [baseLayer], "debian", ["/bin/bash"]);
        PushedManifest api = await PushImageAsync(admin, Api, "1.4.0", [baseLayer, appLayer], "api", ["dotnet", "Api.dll"]);
        foreach (string tag in new[] { "1.2.0", "1.3.0", "1.3.1" })
        {
            await PushImageAsync(admin, Api, tag, [baseLayer, Digests.RandomBytes(100 * 1024)], "api", ["dotnet", "Api.dll"]);
        }

        await admin.PushManifestAsync(Api, api.Content, api.MediaType, "latest");
        await PushImageAsync(admin, Base, "12", [Digests.RandomBytes(50 * 1024)], "debian", ["/bin/bash"]);
        await admin.PushArtifactAsync(Api, "application/spdx+json", Descriptor.For(api.MediaType, api.Content));

        byte[] webShared = Digests.RandomBytes(40 * 1024);
        PushedManifest amd64 = await PushImageAsync(admin, Web, null, [webShared, Digests.RandomBytes(30 * 1024)], "web", ["nginx", "-g", "daemon off;"]);
        PushedManifest arm64 = await PushImageAsync(admin, Web, null, [webShared, Digests.RandomBytes(31 * 1024)], "web", ["nginx", "-g", "daemon off;"], "arm64");
        byte[] index = Manifests.OciIndex([
            Descriptor.For(MediaTypes.OciManifest, amd64.Content) with { Platform = ("linux", "amd64") },
            Descriptor.For(MediaTypes.OciManifest, arm64.Content) with { Platform = ("linux", "arm64") }]);
        await admin.PushManifestAsync(Web, index, MediaTypes.OciIndex, "2.0.0");
        await SeedArtifactsAsync(admin);
        var management = new ManagementClient(admin);
        await management.CreateCiTokenAsync("ci-api", ["team"], ["pull", "push"], expiresInDays: 90, CancellationToken.None);
        await ProtectAsync(admin, Api, "latest", "protected-from-deletion");
        await ProtectAsync(admin, Api, "1\\.4\\.0", "immutable");
        return api;
    }

    private static async Task ProtectAsync(HttpClient admin, string repository, string pattern, string kind)
    {
        using HttpResponseMessage created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(
            admin, "/api/v1/protection-rules", new { repository, pattern, kind });
        Assert.True(created.IsSuccessStatusCode, $"POST /api/v1/protection-rules answered {(int)created.StatusCode}");
    }

    /// <summary>A Maven repository with a release of one artifact (JAR, POM) and a generic repository with a report.</summary>
    private static async Task SeedArtifactsAsync(HttpClient admin)
    {
        var management = new ManagementClient(admin);
        await management.CreateArtifactRepositoryAsync("libs-release", "maven", CancellationToken.None);
        await management.CreateArtifactRepositoryAsync("ci-files", "generic", CancellationToken.None);
        foreach ((string path, int size) in new[]
        {
            ("libs-release/com/example/billing/2.3.0/billing-2.3.0.jar;build.number=118;vcs.revision=4f2a9c1", 240 * 1024),
            ("libs-release/com/example/billing/2.3.0/billing-2.3.0.pom", 2 * 1024),
            ("libs-release/com/example/billing/2.4.0/billing-2.4.0.jar;build.number=131", 251 * 1024),
            ("libs-release/com/example/billing/2.4.0/billing-2.4.0.pom", 2 * 1024),
            ("ci-files/reports/api/118/coverage.html;build.number=118", 64 * 1024),
        })
        {
            using HttpResponseMessage put = await admin.PutAsync("/artifactory/" + path, new ByteArrayContent(Digests.RandomBytes(size)));
            Assert.True(put.IsSuccessStatusCode, $"PUT /artifactory/{path} answered {(int)put.StatusCode}");
        }

        // An npm repository with two versions of a front-end package, the older one tagged, as npm publish leaves them.
        await management.CreateArtifactRepositoryAsync(NpmRepository, "npm", CancellationToken.None);
        foreach (string version in new[] { "3.1.0", "3.2.0" })
        {
            var body = new NpmPublishBody(NpmPackage, version);
            using HttpResponseMessage published = await admin.PutAsync($"/artifactory/api/npm/{NpmRepository}/{NpmPublishBody.Escaped(NpmPackage)}",
                new StringContent(body.Json(), System.Text.Encoding.UTF8, "application/json"));
            Assert.True(published.IsSuccessStatusCode, $"npm publish of {NpmPackage}@{version} answered {(int)published.StatusCode}");
        }

        using HttpResponseMessage tagged = await admin.PutAsync($"/artifactory/api/npm/{NpmRepository}/-/package/{NpmPublishBody.Escaped(NpmPackage)}/dist-tags/lts",
            System.Net.Http.Json.JsonContent.Create("3.1.0"));
        Assert.True(tagged.IsSuccessStatusCode, $"npm dist-tag add answered {(int)tagged.StatusCode}");
    }

    /// <summary>The sample npm repository and its package.</summary>
    public const string NpmRepository = "npm-local";

    public const string NpmPackage = "@shop/checkout-widget";

    /// <summary>Pushes an image whose config reads like a real build (entrypoint, environment, labels, history).</summary>
    public static async Task<PushedManifest> PushImageAsync(HttpClient client, string repository, string? tag, IReadOnlyList<byte[]> layers,
        string title, IReadOnlyList<string> entrypoint, string architecture = "amd64")
    {
        var history = new JsonArray();
        for (int i = 0; i < layers.Count; i++)
        {
            history.Add(new JsonObject { ["created"] = $"2026-11-1{i}T10:00:00Z", ["created_by"] = i == 0 ? "ADD rootfs.tar.gz /" : "COPY app/ /app/" });
        }

        history.Add(new JsonObject { ["created"] = "2026-11-21T10:00:00Z", ["created_by"] = $"ENTRYPOINT {title}", ["empty_layer"] = true });
        var json = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["created"] = "2026-11-21T10:00:00Z",
            ["config"] = new JsonObject
            {
                ["Entrypoint"] = new JsonArray([.. entrypoint.Select(e => (JsonNode)JsonValue.Create(e))]),
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/bin", "APP_ENV=production"),
                ["WorkingDir"] = "/app",
                ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject() },
                ["Labels"] = new JsonObject
                {
                    ["org.opencontainers.image.title"] = title,
                    ["org.opencontainers.image.source"] = $"https://git.example.com/{title}",
                },
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() },
            ["history"] = history,
        };
        byte[] config = Encoding.UTF8.GetBytes(json.ToJsonString());
        await client.PushBlobAsync(repository, config);
        foreach (byte[] layer in layers)
        {
            await client.PushBlobAsync(repository, layer);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [.. layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l))]);
        return await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag);
    }
}
