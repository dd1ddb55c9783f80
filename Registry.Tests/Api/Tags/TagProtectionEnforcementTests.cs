using System.Net;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary>Protection rules as clients meet them: refused pushes, deletes and restores answer 403 DENIED naming the rule.</summary>
public sealed class TagProtectionEnforcementTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task PushMovingAnImmutableTag_Is403Denied_NamingTheRule_AndChangesNothing()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        long rule = await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, @"\d+\.\d+\.\d+", "immutable");
        PushedManifest first = await registry.PushImageAsync(repository, "1.0.0");
        await registry.PushImageAsync(repository, "latest");
        await registry.Admin.PushManifestAsync(repository, first.Content, first.MediaType, "1.0.0");   // the same manifest again is fine

        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(64);
        await registry.Admin.PushBlobAsync(repository, config);
        await registry.Admin.PushBlobAsync(repository, layer);
        byte[] other = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        using HttpResponseMessage refused = await registry.Admin.PutManifestAsync(repository, "1.0.0", other, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
        string message = await TagApi.ErrorMessageAsync(refused);
        Assert.Contains($"rule {rule}", message, StringComparison.Ordinal);
        Assert.Contains(@"'\d+\.\d+\.\d+'", message, StringComparison.Ordinal);
        Assert.Contains($"'{repository}:1.0.0' is immutable", message, StringComparison.Ordinal);
        using (System.Text.Json.JsonDocument body = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("tag_protected", body.RootElement.GetProperty("errors")[0].GetProperty("detail").GetProperty("reason").GetString());   // how a replicating peer tells it from a refused permission
        }

        Assert.Equal(first.Digest, await TagApi.TargetAsync(registry.Admin, repository, "1.0.0"));
        Assert.Equal(HttpStatusCode.NotFound, await registry.ManifestStatusAsync(repository, Digests.Sha256(other)));
        Assert.Single(await TagApi.EntriesAsync(registry.Admin, repository, "1.0.0"));

        // Tags the pattern does not cover move as usual.
        await registry.PushImageAsync(repository, "latest");
    }

    [Fact]
    public async Task DeletingAProtectedTag_ByTagByDigestOrThroughManagement_Is403Denied()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        long rule = await TagApi.CreateRuleIdAsync(registry.Admin, null, repository, "release", "protected-from-deletion");
        PushedManifest pushed = await registry.PushImageAsync(repository, "release");

        foreach (Func<Task<HttpResponseMessage>> delete in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => registry.Admin.DeleteAsync($"/v2/{repository}/manifests/release"),
                     () => registry.Admin.DeleteAsync($"/v2/{repository}/manifests/{pushed.Digest}"),
                     () => registry.Admin.DeleteAsync($"/api/v1/repositories/{repository}/tags/release"),
                 })
        {
            using HttpResponseMessage response = await delete();
            await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal) ? "TAG_PROTECTED" : "DENIED");
            Assert.Contains($"protected from deletion by rule {rule}", await TagApi.ErrorMessageAsync(response), StringComparison.Ordinal);
        }

        Assert.Equal(pushed.Digest, await TagApi.TargetAsync(registry.Admin, repository, "release"));

        // Protected from deletion, not immutable: a push moves it, and the old manifest, no longer tagged, can go.
        await registry.PushImageAsync(repository, "release");
        using HttpResponseMessage old = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/{pushed.Digest}");
        OciAssert.Status(old, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RestoringAnImmutableTag_Is403Denied()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        PushedManifest first = await registry.PushImageAsync(repository, "v1");
        PushedManifest second = await registry.PushImageAsync(repository, "v1");
        long rule = await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "v1", "immutable");

        using HttpResponseMessage response = await TagApi.RestoreAsync(registry.Admin, repository, "v1", first.Digest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "TAG_PROTECTED");
        Assert.Contains($"rule {rule}", await TagApi.ErrorMessageAsync(response), StringComparison.Ordinal);
        Assert.Equal(second.Digest, await TagApi.TargetAsync(registry.Admin, repository, "v1"));
    }

    [Fact]
    public async Task DeletingTheRule_LiftsTheProtection()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        long rule = await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, ".*", "immutable");
        await registry.PushImageAsync(repository, "v1");
        using (HttpResponseMessage refused = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/v1"))
        {
            await OciAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
        }

        (await registry.Admin.DeleteAsync($"/api/v1/protection-rules/{rule}")).Dispose();

        PushedManifest moved = await registry.PushImageAsync(repository, "v1");
        Assert.Equal(moved.Digest, await TagApi.TargetAsync(registry.Admin, repository, "v1"));
        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/v1");
        OciAssert.Status(deleted, HttpStatusCode.Accepted);
    }
}
