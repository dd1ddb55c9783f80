using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Quotas;

/// <summary>
/// Usage through the management API (shared layers once per namespace, once per repository) and namespace quotas
/// enforced at manifest PUT: over the quota is 403 DENIED with nothing stored or tagged; raising it lets the push through.
/// </summary>
public sealed class QuotaApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    private sealed record Image(byte[] Config, byte[][] Layers, byte[] Manifest)
    {
        public long ManifestAndConfig => Config.Length + Manifest.Length;
    }

    private static Image Build(params byte[][] layers)
    {
        byte[] config = Manifests.Config();
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l)));
        return new Image(config, layers, manifest);
    }

    private static async Task<HttpResponseMessage> PushAsync(HttpClient client, string repository, Image image, string tag)
    {
        await client.PushBlobAsync(repository, image.Config);
        foreach (byte[] layer in image.Layers)
        {
            await client.PushBlobAsync(repository, layer);
        }

        return await client.PutManifestAsync(repository, tag, image.Manifest, MediaTypes.OciManifest);
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        using HttpResponseMessage response = await Admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> SetQuotaAsync(HttpClient client, string ns, long bytes)
        => client.PutAsJsonAsync($"/api/v1/namespaces/{ns}/quota", new { bytes });

    [Fact]
    public async Task Usage_OfANamespaceWithoutPushes_Is200()
    {
        string ns = "empty" + Guid.NewGuid().ToString("N")[..8];

        JsonElement usage = await GetAsync($"/api/v1/usage?namespace={ns}");

        Assert.NotEqual(JsonValueKind.Undefined, usage.ValueKind);
    }

    [Fact]
    public async Task Usage_OfANamespaceWithAQuotaAndNoRepositories_IsZero_AndTheQuotasPageShowsIt()
    {
        string ns = AuthRegistry.UniqueName("q");
        using HttpResponseMessage set = await SetQuotaAsync(Admin, ns, 1_000_000);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        JsonElement team = Assert.Single((await GetAsync($"/api/v1/usage?namespace={ns}")).GetProperty("namespaces").EnumerateArray());
        Assert.Equal(0, team.GetProperty("bytes").GetInt64());
        Assert.Equal(1_000_000, team.GetProperty("quota").GetProperty("bytes").GetInt64());
        Assert.Empty(team.GetProperty("repositories").EnumerateArray());
        Assert.Contains((await GetAsync("/api/v1/usage")).GetProperty("namespaces").EnumerateArray(), n => n.GetProperty("name").GetString() == ns);
        var console = new ConsoleClient(registry.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.Equal(HttpStatusCode.Redirect, await console.SignInAsync("admin", RegistryApiFactory.AdminPassword));
        (HttpStatusCode status, string page) = await console.GetAsync("/ui/admin/quotas");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(ns, page);
    }

    [Fact]
    public async Task Usage_CountsALayerSharedAcrossRepositoriesOncePerNamespace_AndOnceInEachRepository()
    {
        string ns = AuthRegistry.UniqueName("u");
        string other = AuthRegistry.UniqueName("v");
        byte[] shared = Digests.RandomBytes(4000);
        Image a = Build(shared, Digests.RandomBytes(100));
        Image b = Build(shared, Digests.RandomBytes(200));
        Image c = Build(shared);
        foreach ((string name, Image image) in new[] { ($"{ns}/a", a), ($"{ns}/b", b), ($"{other}/c", c) })
        {
            using HttpResponseMessage pushed = await PushAsync(Admin, name, image, "1");
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        JsonElement report = await GetAsync($"/api/v1/usage?namespace={ns}");
        JsonElement team = Assert.Single(report.GetProperty("namespaces").EnumerateArray());
        Assert.Equal(4000 + 100 + 200 + a.ManifestAndConfig + b.ManifestAndConfig, team.GetProperty("bytes").GetInt64());
        Assert.Equal(7, team.GetProperty("blobs").GetInt64());
        Assert.Equal(JsonValueKind.Null, team.GetProperty("quota").ValueKind);
        Assert.Equal(
            [($"{ns}/a", 4100 + a.ManifestAndConfig), ($"{ns}/b", 4200 + b.ManifestAndConfig)],
            team.GetProperty("repositories").EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("bytes").GetInt64())));

        JsonElement repository = await GetAsync($"/api/v1/repositories/{other}/c/usage");
        Assert.Equal(4000 + c.ManifestAndConfig, repository.GetProperty("bytes").GetInt64());
        Assert.Equal(3, repository.GetProperty("blobs").GetInt64());
        JsonElement all = await GetAsync("/api/v1/usage");
        Assert.Contains(all.GetProperty("namespaces").EnumerateArray(), n => n.GetProperty("name").GetString() == other);
    }

    [Fact]
    public async Task PushOverQuota_Is403Denied_NothingStoredOrTagged_UntilTheQuotaIsRaised()
    {
        string ns = AuthRegistry.UniqueName("q");
        Image first = Build(Digests.RandomBytes(1000));
        using (HttpResponseMessage pushed = await PushAsync(Admin, $"{ns}/app", first, "1"))
        {
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        long used = 1000 + first.ManifestAndConfig;
        using (HttpResponseMessage set = await SetQuotaAsync(Admin, ns, used + 1500))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        Image small = Build(Digests.RandomBytes(300));
        using (HttpResponseMessage within = await PushAsync(Admin, $"{ns}/app", small, "2"))
        {
            Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        }

        Image big = Build(Digests.RandomBytes(5000));
        using (HttpResponseMessage refused = await PushAsync(Admin, $"{ns}/other", big, "3"))
        {
            await OciAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
            string body = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"namespace '{ns}' would use", body, StringComparison.Ordinal);
            Assert.Contains("quota; delete images or ask an admin to raise it", body, StringComparison.Ordinal);
        }

        using (HttpResponseMessage tag = await Admin.GetAsync($"/v2/{ns}/other/manifests/3"))
        {
            Assert.Equal(HttpStatusCode.NotFound, tag.StatusCode);
        }

        using (HttpResponseMessage manifest = await Admin.GetAsync($"/v2/{ns}/other/manifests/{Digests.Sha256(big.Manifest)}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        }

        JsonElement team = Assert.Single((await GetAsync($"/api/v1/usage?namespace={ns}")).GetProperty("namespaces").EnumerateArray());
        Assert.Equal(used + 300 + small.ManifestAndConfig, team.GetProperty("bytes").GetInt64());
        Assert.Equal(used + 1500, team.GetProperty("quota").GetProperty("bytes").GetInt64());

        using (HttpResponseMessage raised = await SetQuotaAsync(Admin, ns, 1L << 30))
        {
            Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        }

        using (HttpResponseMessage retried = await Admin.PutManifestAsync($"{ns}/other", "3", big.Manifest, MediaTypes.OciManifest))
        {
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        }

        Assert.Equal(2, (await registry.AuditAsync($"action=quota.set&target={ns}")).Count);
    }

    [Fact]
    public async Task Quota_IsSetByNamespaceAdmins_NotDevelopers_AndRemovalIsAudited()
    {
        string ns = AuthRegistry.UniqueName("r");
        string admin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));

        using (HttpResponseMessage denied = await SetQuotaAsync(registry.Basic(developer, AuthRegistry.Password), ns, 1000))
        {
            await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        }

        using (HttpResponseMessage elsewhere = await SetQuotaAsync(registry.Basic(admin, AuthRegistry.Password), AuthRegistry.UniqueName("s"), 1000))
        {
            await OciAssert.ErrorAsync(elsewhere, HttpStatusCode.Forbidden, "DENIED");
        }

        HttpClient nsAdmin = registry.Basic(admin, AuthRegistry.Password);
        using (HttpResponseMessage set = await SetQuotaAsync(nsAdmin, ns, 1000))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using (HttpResponseMessage removed = await nsAdmin.DeleteAsync($"/api/v1/namespaces/{ns}/quota"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (HttpResponseMessage again = await nsAdmin.DeleteAsync($"/api/v1/namespaces/{ns}/quota"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        JsonElement audit = Assert.Single(await registry.AuditAsync($"action=quota.remove&target={ns}"));
        Assert.Equal(admin, audit.GetProperty("actor").GetString());
    }
}
