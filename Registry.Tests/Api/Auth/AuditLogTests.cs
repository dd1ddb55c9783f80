using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary><c>/api/v1/audit</c>: what gets recorded (with actor and client address), the filters, paging, and that no secret is ever recorded.</summary>
public sealed class AuditLogTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private static string Since(DateTimeOffset at) => "since=" + Uri.EscapeDataString(at.ToString("O"));

    private static string Until(DateTimeOffset at) => "until=" + Uri.EscapeDataString(at.ToString("O"));

    private static string Action(JsonElement entry) => entry.GetProperty("action").GetString()!;

    private static string? Target(JsonElement entry) => entry.GetProperty("target").GetString();

    [Fact]
    public async Task RegistryAndManagementActions_AreAudited_WithActorAndClientAddress()
    {
        DateTimeOffset start = DateTimeOffset.UtcNow.AddSeconds(-1);
        const string address = "192.0.2.17";
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        using HttpClient admin = registry.Basic("admin", RegistryApiFactory.AdminPassword, address);
        string user = AuthRegistry.UniqueName("u");

        (await admin.PostAsJsonAsync("/api/v1/users", new { name = user, password = AuthRegistry.Password })).Dispose();
        await AuthRegistry.GrantAsync(admin, user, "namespace", ns, "developer");
        (await admin.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = ns })).Dispose();
        CreatedCiToken ci = await registry.CreateCiTokenAsync([ns], ["pull"], admin);
        (await admin.DeleteAsync($"/api/v1/tokens/{ci.Id}")).Dispose();
        PushedManifest first = await admin.PushImageAsync(repository, "v1");
        await admin.PushImageAsync(repository, "v1");
        (await admin.DeleteAsync($"/api/v1/repositories/{repository}/tags/v1")).Dispose();
        (await admin.DeleteAsync($"/v2/{repository}/manifests/{first.Digest}")).Dispose();
        string blob = await admin.PushBlobAsync(repository, Digests.RandomBytes(16));
        (await admin.DeleteAsync($"/v2/{repository}/blobs/{blob}")).Dispose();
        (await admin.PatchAsJsonAsync($"/api/v1/users/{user}", new { disabled = true })).Dispose();
        (await registry.Basic(user, "wrong-password", address).GetAsync("/v2/")).Dispose();

        List<JsonElement> entries = await registry.AuditAsync(Since(start));
        List<JsonElement> mine = [.. entries.Where(e => Target(e) is { } t && (t.StartsWith(ns, StringComparison.Ordinal) || t == user || t == "token:" + ci.Name))];
        string[] expected = ["user.create", "role.grant", "public.set", "token.create", "token.revoke", "manifest.push", "tag.create", "tag.move",
            "tag.delete", "manifest.delete", "blob.delete", "user.disable", "login.failure"];
        Assert.Equal(expected.Order(), mine.Select(Action).Distinct().Order());
        Assert.All(mine, e => Assert.Equal(address, e.GetProperty("clientAddress").GetString()));
        Assert.All(mine.Where(e => Action(e) != "login.failure"), e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        JsonElement failure = mine.Single(e => Action(e) == "login.failure");
        Assert.Equal(user, failure.GetProperty("actor").GetString());
        Assert.False(failure.GetProperty("success").GetBoolean());
        JsonElement grant = mine.Single(e => Action(e) == "role.grant");
        Assert.Equal($"developer on {ns}/*", grant.GetProperty("detail").GetString());
        Assert.Contains(mine, e => Action(e) == "tag.create" && Target(e) == repository + ":v1");
        Assert.Contains(mine, e => Action(e) == "manifest.delete" && Target(e) == $"{repository}@{first.Digest}");
    }

    [Fact]
    public async Task LoginSuccess_IsAuditedWhenCredentialsAreVerified_NotForEveryRequest()
    {
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);

        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await client.GetAsync("/v2/");
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        }

        JsonElement success = Assert.Single(await registry.AuditAsync($"actor={user}&action=login.success"));
        Assert.True(success.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task ConcurrentLogins_WithTheSameCredentials_AreVerifiedOnce()
    {
        // A deploy storm: many hosts log in with one pull secret at the same moment; the password is hashed once.
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AuthRegistry.RequestTokenAsync(client, "repository:team/app:pull")));

        foreach (HttpResponseMessage response in responses)
        {
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
            response.Dispose();
        }

        Assert.Single(await registry.AuditAsync($"actor={user}&action=login.success"));
    }

    [Fact]
    public async Task ConcurrentLogins_WithAWrongPassword_AreEachRefusedAndAudited()
    {
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Basic(user, "wrong-password");

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetAsync("/v2/")));

        foreach (HttpResponseMessage response in responses)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            response.Dispose();
        }

        Assert.Equal(3, (await registry.AuditAsync($"actor={user}&action=login.failure")).Count);
    }

    [Fact]
    public async Task Filters_SelectByActorActionPrefixTargetPrefixTimeAndSuccess()
    {
        DateTimeOffset start = DateTimeOffset.UtcNow.AddSeconds(-1);
        string ns = AuthRegistry.UniqueName("ns");
        string user = await registry.CreateUserAsync(("namespace", ns, "admin"));
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        CreatedCiToken kept = await registry.CreateCiTokenAsync([ns], ["pull"], client);
        CreatedCiToken revoked = await registry.CreateCiTokenAsync([ns], ["pull"], client);
        (await client.DeleteAsync($"/api/v1/tokens/{revoked.Id}")).Dispose();
        await client.PushImageAsync(ns + "/app", "v1");
        (await registry.Basic(user, "wrong-password").GetAsync("/v2/")).Dispose();
        DateTimeOffset end = DateTimeOffset.UtcNow.AddSeconds(1);

        List<JsonElement> byActor = await registry.AuditAsync($"actor={user}");
        List<JsonElement> tokens = await registry.AuditAsync($"action=token.*&{Since(start)}");
        List<JsonElement> byTarget = await registry.AuditAsync($"target={ns}/");
        List<JsonElement> failures = await registry.AuditAsync($"success=false&{Since(start)}");
        List<JsonElement> inWindow = await registry.AuditAsync($"actor={user}&{Since(start)}&{Until(end)}");
        List<JsonElement> beforeStart = await registry.AuditAsync($"actor={user}&{Until(start)}");
        List<JsonElement> afterEnd = await registry.AuditAsync($"actor={user}&{Since(end)}");

        Assert.All(byActor, e => Assert.Equal(user, e.GetProperty("actor").GetString()));
        Assert.Contains(byActor, e => Action(e) == "manifest.push");
        Assert.All(tokens, e => Assert.StartsWith("token.", Action(e)));
        Assert.Contains(tokens, e => Action(e) == "token.create" && Target(e) == "token:" + kept.Name);
        Assert.Contains(tokens, e => Action(e) == "token.revoke" && Target(e) == "token:" + revoked.Name);
        Assert.NotEmpty(byTarget);
        Assert.All(byTarget, e => Assert.StartsWith(ns + "/", Target(e)));
        Assert.All(failures, e => Assert.False(e.GetProperty("success").GetBoolean()));
        Assert.Contains(failures, e => Action(e) == "login.failure" && e.GetProperty("actor").GetString() == user);
        Assert.Equal(byActor.Count, inWindow.Count);
        Assert.Empty(beforeStart);
        Assert.Empty(afterEnd);
    }

    [Fact]
    public async Task Paging_WithLimitAndBefore_WalksEveryEntryOnceNewestFirst()
    {
        string ns = AuthRegistry.UniqueName("ns");
        for (int i = 0; i < 5; i++)
        {
            await registry.PushImageAsync($"{ns}/app", "t" + i);
        }

        List<JsonElement> all = await registry.AuditAsync($"target={ns}/");
        var walked = new List<JsonElement>();
        string? before = null;
        int pages = 0;
        do
        {
            using HttpResponseMessage response = await registry.Admin.GetAsync($"/api/v1/audit?target={ns}/&limit=3" + (before is null ? string.Empty : "&before=" + before));
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
            using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            List<JsonElement> entries = [.. page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
            Assert.InRange(entries.Count, 0, 3);
            walked.AddRange(entries);
            JsonElement next = page.RootElement.GetProperty("next");
            before = next.ValueKind == JsonValueKind.Null ? null : next.GetRawText();
            Assert.True(++pages < 20, "paging did not end");
        }
        while (before is not null);

        Assert.Equal(10, all.Count); // per tag: manifest.push and tag.create
        List<long> ids = [.. walked.Select(e => e.GetProperty("id").GetInt64())];
        Assert.Equal(all.Select(e => e.GetProperty("id").GetInt64()), ids);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.True(pages >= 4);
    }

    [Fact]
    public async Task PasswordsAndSecrets_NeverAppearInTheAuditLog()
    {
        string user = await registry.CreateUserAsync(("namespace", "team", "developer"));
        const string changed = "changed-password-42";
        const string reset = "reset-password-43";
        const string guess = "guessed-password-44";
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        (await client.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = changed, currentPassword = "wrong-current-45" })).Dispose();
        (await client.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = changed, currentPassword = AuthRegistry.Password })).Dispose();
        (await registry.Admin.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = reset })).Dispose();
        (await registry.Basic(user, guess).GetAsync("/v2/")).Dispose();
        (await registry.Anonymous().PostAsync("/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "password"), KeyValuePair.Create("username", user), KeyValuePair.Create("password", reset)]))).Dispose();
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull", "push"], registry.Basic(user, reset));
        (await registry.Basic(ci.Name, ci.Secret).GetAsync("/v2/")).Dispose();
        (await registry.Basic(ci.Name, ci.Secret + "x").GetAsync("/v2/")).Dispose();
        (await registry.Basic(user, ci.Secret).GetAsync("/v2/")).Dispose();
        (await registry.Basic(ci.Secret, "pasted-into-the-wrong-field").GetAsync("/v2/")).Dispose();
        (await registry.Basic(ci.Secret, ci.Secret).GetAsync("/v2/")).Dispose();

        string log = string.Join('\n', (await registry.AuditAsync()).Select(e => e.GetRawText()));

        Assert.Contains("user.password", log);
        Assert.Contains("token:" + ci.Name, log);
        foreach (string secret in new[] { AuthRegistry.Password, changed, reset, guess, "wrong-current-45", RegistryApiFactory.AdminPassword, ci.Secret, ci.Secret[^20..] })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NonGlobalAdmins_CannotReadTheAuditLog_Returns403Denied()
    {
        string nsAdmin = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("ns"), "admin"));
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["*"], ["pull", "push", "delete"]);

        using HttpResponseMessage user = await registry.Basic(nsAdmin, AuthRegistry.Password).GetAsync("/api/v1/audit");
        using HttpResponseMessage token = await registry.Basic(ci.Name, ci.Secret).GetAsync("/api/v1/audit");
        using HttpResponseMessage anonymous = await registry.Anonymous().GetAsync("/api/v1/audit");

        await OciAssert.ErrorAsync(user, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(token, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=-5")]
    [InlineData("before=abc")]
    [InlineData("since=yesterday")]
    [InlineData("until=2026-13-45")]
    public async Task InvalidQuery_Returns400(string query)
    {
        using HttpResponseMessage response = await registry.Admin.GetAsync("/api/v1/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
