using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary>Repository settings and floating tags: <c>17</c> and <c>17.0</c> (and <c>latest</c>) follow the newest release.</summary>
public sealed class FloatingTagsApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task Settings_AreOffByDefault_AndOnlyMaintainersReadOrChangeThem()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        using HttpClient maintainerClient = registry.Basic(maintainer, AuthRegistry.Password);

        Assert.Equal((false, false), await ReadAsync(maintainerClient, repository));
        using (HttpResponseMessage denied = await registry.Basic(developer, AuthRegistry.Password).PutAsJsonAsync($"/api/v1/repositories/{repository}/settings", new { floatingTags = true }))
        {
            await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        }

        using (HttpResponseMessage deniedRead = await registry.Basic(developer, AuthRegistry.Password).GetAsync($"/api/v1/repositories/{repository}/settings"))
        {
            await OciAssert.ErrorAsync(deniedRead, HttpStatusCode.Forbidden, "DENIED");
        }

        await TagApi.SetFloatingAsync(maintainerClient, repository, floatingTags: true, floatLatest: true);
        Assert.Equal((true, true), await ReadAsync(maintainerClient, repository));
        using (HttpResponseMessage partial = await maintainerClient.PutAsJsonAsync($"/api/v1/repositories/{repository}/settings", new { floatingTags = true }))
        {
            await OciAssert.SuccessAsync(partial, HttpStatusCode.OK);
        }

        Assert.Equal((true, false), await ReadAsync(maintainerClient, repository));
        Assert.Equal(2, (await registry.AuditAsync($"action=settings.update&target={repository}")).Count);
        using HttpResponseMessage notJson = await maintainerClient.PutAsync($"/api/v1/repositories/{repository}/settings", new StringContent("[", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task FloatingTags_FollowASequenceOfVersionPushes_RecordedAndAudited()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/java";
        string alice = await registry.CreateUserAsync(("namespace", ns, "developer"));
        using HttpClient client = registry.Basic(alice, AuthRegistry.Password);
        await TagApi.SetFloatingAsync(registry.Admin, repository, floatingTags: true, floatLatest: true);
        var digests = new Dictionary<string, string>();

        foreach (string version in new[] { "17.0.1", "17.0.12", "17.1.0", "17.0.13", "18.0.0-rc1", "18.0.0" })
        {
            digests[version] = (await client.PushImageAsync(repository, version)).Digest;
        }

        Assert.Equal(digests["17.1.0"], await TagApi.TargetAsync(client, repository, "17"));
        Assert.Equal(digests["17.0.13"], await TagApi.TargetAsync(client, repository, "17.0"));
        Assert.Equal(digests["17.1.0"], await TagApi.TargetAsync(client, repository, "17.1"));
        Assert.Equal(digests["18.0.0"], await TagApi.TargetAsync(client, repository, "18"));
        Assert.Equal(digests["18.0.0"], await TagApi.TargetAsync(client, repository, "18.0"));
        Assert.Equal(digests["18.0.0"], await TagApi.TargetAsync(client, repository, "latest"));

        Assert.Equal(
            [
                ("moved", digests["17.0.12"], digests["17.1.0"], "floating-tags"),
                ("moved", digests["17.0.1"], digests["17.0.12"], "floating-tags"),
                ("created", null, digests["17.0.1"], "floating-tags"),
            ],
            await TagApi.EntriesAsync(client, repository, "17"));
        List<JsonElement> floats = await registry.AuditAsync($"action=tag.float&target={Uri.EscapeDataString(repository + ":17.0")}");
        Assert.Equal(3, floats.Count);
        Assert.All(floats, e => Assert.Equal(alice, e.GetProperty("actor").GetString()));
        Assert.Contains("(following 17.0.13)", floats[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        using HttpResponseMessage list = await client.GetAsync($"/v2/{repository}/tags/list");
        Assert.Contains("\"17.0\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FloatingTag_UnderAnImmutableRule_StaysWhereItIs_AndThePushSucceeds()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        await TagApi.SetFloatingAsync(registry.Admin, repository, floatingTags: true, floatLatest: false);
        await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "1", "immutable");
        PushedManifest first = await registry.PushImageAsync(repository, "1.0.0");

        PushedManifest second = await registry.PushImageAsync(repository, "1.0.1");

        Assert.Equal(first.Digest, await TagApi.TargetAsync(registry.Admin, repository, "1"));
        Assert.Equal(second.Digest, await TagApi.TargetAsync(registry.Admin, repository, "1.0"));
        Assert.Equal(second.Digest, await TagApi.TargetAsync(registry.Admin, repository, "1.0.1"));
    }

    private static async Task<(bool FloatingTags, bool FloatLatest)> ReadAsync(HttpClient client, string repository)
    {
        using HttpResponseMessage response = await client.GetAsync($"/api/v1/repositories/{repository}/settings");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("floatingTags").GetBoolean(), json.RootElement.GetProperty("floatLatest").GetBoolean());
    }
}
