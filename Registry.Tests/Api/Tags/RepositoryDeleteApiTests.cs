using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Events;

namespace Registry.Tests.Api.Tags;

/// <summary>
/// <c>DELETE /api/v1/repositories/{name}</c>: refused, naming each protected tag, while protection rules cover tags
/// of it; otherwise its tags, manifests (tagged, untagged, index children, referrers) and blob links go, audited as
/// <c>repository.delete</c> and announced to webhooks as <c>repository.delete</c>; maintainers only.
/// </summary>
public sealed class RepositoryDeleteApiTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    [Fact]
    public async Task ProtectedTags_RefuseTheDelete_NamingEachTag_AndNothingIsDeleted()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        await registry.PushImageAsync(repository, "1.0");
        await registry.PushImageAsync(repository, "2.0");
        await registry.PushImageAsync(repository, "dev");
        await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, @"\d+\.\d+", "protected-from-deletion");

        using HttpResponseMessage refused = await registry.Admin.DeleteAsync($"/api/v1/repositories/{repository}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        string detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains($"'{repository}:1.0' is protected", detail, StringComparison.Ordinal);
        Assert.Contains($"'{repository}:2.0' is protected", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("dev", detail, StringComparison.Ordinal);
        foreach (string tag in new[] { "1.0", "2.0", "dev" })
        {
            Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync(repository, tag));
        }
    }

    [Fact]
    public async Task Delete_RemovesTagsManifestsAndBlobLinks_AuditsIt_AndFiresTheWebhook()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string webhook = await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "repository.delete" } });
        PushedManifest tagged = await registry.PushImageAsync(repository, "1.0");
        PushedManifest untagged = await registry.PushImageAsync(repository);
        PushedManifest child = await registry.PushImageAsync(repository);
        byte[] index = Manifests.OciIndex([Descriptor.For(MediaTypes.OciManifest, child.Content)]);
        await registry.Admin.PushManifestAsync(repository, index, MediaTypes.OciIndex, "multi");
        await registry.Admin.PushImageAsync(repository, subject: Descriptor.For(MediaTypes.OciManifest, tagged.Content), artifactType: "application/spdx+json");
        string other = ns + "/other";
        await registry.PushImageAsync(other, "1.0");

        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/api/v1/repositories/{repository}");

        await OciAssert.SuccessAsync(deleted, HttpStatusCode.OK);
        using JsonDocument body = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        Assert.Equal(repository, body.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("tagsDeleted").GetInt32());
        Assert.Equal(5, body.RootElement.GetProperty("manifestsDeleted").GetInt32());
        Assert.True(body.RootElement.GetProperty("blobsUnlinked").GetInt32() >= 8);
        foreach (string reference in new[] { "1.0", "multi", tagged.Digest, untagged.Digest, child.Digest })
        {
            Assert.Equal(HttpStatusCode.NotFound, await registry.ManifestStatusAsync(repository, reference));
        }

        using HttpResponseMessage layer = await registry.Admin.GetAsync($"/v2/{repository}/blobs/{untagged.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, layer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync(other, "1.0"));
        JsonElement audit = Assert.Single(await registry.AuditAsync($"action=repository.delete&target={repository}"));
        Assert.Equal("admin", audit.GetProperty("actor").GetString());
        Assert.Contains("2 tags, 5 manifests", audit.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, (await registry.AuditAsync($"action=manifest.delete")).Count(e => e.GetProperty("target").GetString()!.StartsWith(repository + "@", StringComparison.Ordinal)));

        JsonElement delivery = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
        Assert.Equal("repository.delete", delivery.GetProperty("action").GetString());
        Assert.Equal(repository, delivery.GetProperty("event").GetProperty("target").GetProperty("repository").GetString());
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_NeedsTheMaintainerRole_AndAnUnknownRepositoryIs404()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        await registry.PushImageAsync(repository, "1.0");
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));
        using HttpClient client = registry.Basic(developer, AuthRegistry.Password);

        using HttpResponseMessage denied = await client.DeleteAsync($"/api/v1/repositories/{repository}");
        using HttpResponseMessage unknown = await registry.Admin.DeleteAsync($"/api/v1/repositories/{ns}/no-such-repository");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync(repository, "1.0"));
    }
}
