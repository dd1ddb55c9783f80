using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary><c>POST /api/v1/repositories/{name}/tags/{tag}/restore</c>: points a tag back at an earlier manifest.</summary>
public sealed class TagRestoreApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task Restore_ByAMaintainer_PointsTheTagBack_RecordsItWithTheActor_AndAuditsIt()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        PushedManifest good = await registry.PushImageAsync(repository, "stable");
        PushedManifest bad = await registry.PushImageAsync(repository, "stable");
        using HttpClient client = registry.Basic(maintainer, AuthRegistry.Password);

        using HttpResponseMessage response = await TagApi.RestoreAsync(client, repository, "stable", good.Digest);

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((good.Digest, bad.Digest, true), (body.RootElement.GetProperty("digest").GetString(), body.RootElement.GetProperty("previousDigest").GetString(), body.RootElement.GetProperty("changed").GetBoolean()));
        Assert.Equal(good.Digest, await TagApi.TargetAsync(registry.Admin, repository, "stable"));
        Assert.Equal(("restored", bad.Digest, good.Digest, maintainer), (await TagApi.EntriesAsync(client, repository, "stable"))[0]);
        JsonElement audit = Assert.Single(await registry.AuditAsync($"action=tag.restore&target={Uri.EscapeDataString(repository + ":stable")}"));
        Assert.Equal((maintainer, $"{bad.Digest} -> {good.Digest}"), (audit.GetProperty("actor").GetString(), audit.GetProperty("detail").GetString()));

        // Restoring where it already points changes nothing and records nothing.
        using HttpResponseMessage again = await TagApi.RestoreAsync(client, repository, "stable", good.Digest);
        await OciAssert.SuccessAsync(again, HttpStatusCode.OK);
        Assert.False(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal(3, (await TagApi.EntriesAsync(client, repository, "stable")).Count);
    }

    [Fact]
    public async Task Restore_OfADeletedTag_CreatesItAgain()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        PushedManifest pushed = await registry.PushImageAsync(repository, "v1");
        await registry.PushImageAsync(repository, "keep");
        (await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/v1")).Dispose();

        using HttpResponseMessage response = await TagApi.RestoreAsync(registry.Admin, repository, "v1", pushed.Digest);

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(pushed.Digest, await TagApi.TargetAsync(registry.Admin, repository, "v1"));
    }

    [Fact]
    public async Task Restore_NeedsManage()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));
        PushedManifest first = await registry.PushImageAsync(repository, "v1");
        PushedManifest second = await registry.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await TagApi.RestoreAsync(registry.Basic(developer, AuthRegistry.Password), repository, "v1", first.Digest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Equal(second.Digest, await TagApi.TargetAsync(registry.Admin, repository, "v1"));
    }

    [Fact]
    public async Task Restore_ToAManifestNotInTheRepository_Is404ManifestUnknown()
    {
        string ns = AuthRegistry.UniqueName("ns");
        PushedManifest here = await registry.PushImageAsync(ns + "/app", "v1");
        PushedManifest elsewhere = await registry.PushImageAsync(ns + "/other", "v1");
        PushedManifest deleted = await registry.PushImageAsync(ns + "/app");
        (await registry.Admin.DeleteAsync($"/v2/{ns}/app/manifests/{deleted.Digest}")).Dispose();

        foreach (string digest in new[] { elsewhere.Digest, deleted.Digest, "sha256:" + new string('0', 64) })
        {
            using HttpResponseMessage response = await TagApi.RestoreAsync(registry.Admin, ns + "/app", "v1", digest);
            await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        Assert.Equal(here.Digest, await TagApi.TargetAsync(registry.Admin, ns + "/app", "v1"));
    }

    [Fact]
    public async Task Restore_WithABadDigestOrBody_Is400()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        await registry.PushImageAsync(repository, "v1");

        using HttpResponseMessage badDigest = await TagApi.RestoreAsync(registry.Admin, repository, "v1", "sha256:nothex");
        await OciAssert.ErrorAsync(badDigest, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using HttpResponseMessage noDigest = await registry.Admin.PostAsJsonAsync($"/api/v1/repositories/{repository}/tags/v1/restore", new { });
        await OciAssert.ErrorAsync(noDigest, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using HttpResponseMessage notJson = await registry.Admin.PostAsync($"/api/v1/repositories/{repository}/tags/v1/restore", new StringContent("{digest", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using HttpResponseMessage noBody = await registry.Admin.PostAsync($"/api/v1/repositories/{repository}/tags/v1/restore", null);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }
}
