using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Retention;
using Registry.Tests.Api.Tags;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Events;

/// <summary>
/// One change, one announcement, whoever makes it: the same tag delete, manifest delete or tag move writes the same
/// audit entry and sends the same webhook event whether it came from the distribution API (<c>/v2/</c>), the
/// management API (<c>/api/v1</c>), the console or a retention policy. Only the actor differs: the caller, or
/// <c>retention:&lt;policy&gt;</c> (with no request) for a policy.
/// </summary>
public sealed class ChangeAnnouncementTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    public enum EntryPoint
    {
        Distribution,
        Management,
        Console,
        Retention,
    }

    /// <summary>What every entry point must announce alike: the audit entry (action, target, detail) and the event (action, target).</summary>
    private sealed record Announcement(string Action, string Target, string? Detail, string EventAction, string EventTarget);

    [Theory]
    [InlineData(EntryPoint.Distribution)]
    [InlineData(EntryPoint.Management)]
    [InlineData(EntryPoint.Console)]
    [InlineData(EntryPoint.Retention)]
    public async Task TagDelete_IsAnnouncedAlike_FromEveryEntryPoint(EntryPoint via)
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "delete" } });
        await registry.PushImageAsync(repository, "old");
        await registry.PushImageAsync(repository, "new");

        string actor = await DeleteTagAsync(via, repository, "old");

        JsonElement audit = await SingleAuditAsync("tag.delete", $"{repository}:old");
        JsonElement e = await EventAsync(receiver, ev => Text(ev, "target.tag") == "old");
        Assert.Equal(new Announcement("tag.delete", $"{repository}:old", null, "delete", $$"""{"repository":"{{repository}}","tag":"old"}"""), Describe(audit, e));
        AssertActor(via, actor, audit, e, via == EntryPoint.Console ? "POST" : "DELETE");
    }

    [Theory]
    [InlineData(EntryPoint.Distribution)]
    [InlineData(EntryPoint.Retention)]
    public async Task ManifestDelete_IsAnnouncedAlike_FromEveryEntryPoint(EntryPoint via)
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "delete" } });
        PushedManifest old = await registry.PushImageAsync(repository, "old");
        await registry.PushImageAsync(repository, "new");

        string actor;
        if (via == EntryPoint.Distribution)
        {
            using (HttpResponseMessage tag = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/old"))
            {
                Assert.Equal(HttpStatusCode.Accepted, tag.StatusCode);
            }

            using HttpResponseMessage manifest = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/{old.Digest}");
            Assert.Equal(HttpStatusCode.Accepted, manifest.StatusCode);
            actor = "admin";
        }
        else
        {
            actor = await RunRetentionAsync(ns);
        }

        JsonElement audit = await SingleAuditAsync("manifest.delete", $"{repository}@{old.Digest}");
        JsonElement e = await EventAsync(receiver, ev => Text(ev, "target.digest") == old.Digest);
        Assert.Equal(new Announcement("manifest.delete", $"{repository}@{old.Digest}", null, "delete", $$"""{"digest":"{{old.Digest}}","repository":"{{repository}}"}"""), Describe(audit, e));
        AssertActor(via, actor, audit, e, "DELETE");
    }

    /// <summary>
    /// A tag moved onto a version by a push and by the console's retag: <c>tag.move</c> and the <c>push</c> event for the
    /// tag, and each floating tag that followed: <c>tag.float</c> and a <c>tag</c> event (a console copy wrote no
    /// <c>tag.float</c> before the changes had one home).
    /// </summary>
    [Theory]
    [InlineData(EntryPoint.Distribution)]
    [InlineData(EntryPoint.Console)]
    public async Task TagMove_AndTheFloatingTagsItMoves_AreAnnouncedAlike_FromEveryEntryPoint(EntryPoint via)
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "push", "tag" } });
        await TagApi.SetFloatingAsync(registry.Admin, repository, floatingTags: true, floatLatest: false);
        PushedManifest first = await registry.PushImageAsync(repository, "1.0.0");
        PushedManifest second = await registry.PushImageAsync(repository, "candidate");

        if (via == EntryPoint.Distribution)
        {
            // The same manifest bytes pushed again under the version tag.
            using var content = new ByteArrayContent(second.Content);
            content.Headers.ContentType = new(MediaTypes.OciManifest);
            using HttpResponseMessage pushed = await registry.Admin.PutAsync($"/v2/{repository}/manifests/1.0.0", content);
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }
        else
        {
            ConsoleClient console = await ConsoleAsync();
            (HttpStatusCode status, string html) = await console.SubmitAsync($"/ui/repository?name={Uri.EscapeDataString(repository)}", "copy-tag",
                ("source", "candidate"), ("targetRepository", repository), ("targetTag", "1.0.0"));
            Assert.True(status == HttpStatusCode.OK, html);
        }

        JsonElement move = await SingleAuditAsync("tag.move", $"{repository}:1.0.0");
        Assert.Equal(($"{first.Digest} -> {second.Digest}", "admin"), (Text(move, "detail"), Text(move, "actor")));
        JsonElement push = await EventAsync(receiver, ev => Text(ev, "action") == "push" && Text(ev, "target.tag") == "1.0.0" && Text(ev, "target.digest") == second.Digest);
        string size = second.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [("mediaType", MediaTypes.OciManifest), ("digest", second.Digest), ("size", size), ("length", size), ("repository", repository),
             ("url", $"http://localhost/v2/{repository}/manifests/{second.Digest}"), ("tag", "1.0.0"), ("references", "2")],
            push.GetProperty("target").EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture) : Text(push, "target." + p.Name))));
        Assert.Equal("admin", Text(push, "actor.name"));

        foreach (string floating in new[] { "1", "1.0" })
        {
            JsonElement floated = await SingleAuditAsync("tag.float", $"{repository}:{floating}", $"{first.Digest} -> {second.Digest} (following 1.0.0)");
            Assert.Equal("admin", Text(floated, "actor"));
            JsonElement e = await EventAsync(receiver, ev => Text(ev, "action") == "tag" && Text(ev, "target.tag") == floating && Text(ev, "target.digest") == second.Digest);
            Assert.Equal("admin", Text(e, "actor.name"));
        }
    }

    /// <summary>Administrative changes too are checked and audited once, by the same service for the API and the console.</summary>
    [Theory]
    [InlineData(EntryPoint.Management)]
    [InlineData(EntryPoint.Console)]
    public async Task ProtectionRuleQuotaAndWebhookChanges_AreAuditedAlike_FromTheApiAndTheConsole(EntryPoint via)
    {
        string ns = AuthRegistry.UniqueName("ns");
        const string Gib = "1073741824";
        if (via == EntryPoint.Management)
        {
            using (HttpResponseMessage rule = await TagApi.CreateRuleAsync(registry.Admin, ns, null, "v.*", "immutable"))
            {
                Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            }

            using HttpResponseMessage quota = await registry.Admin.PutAsJsonAsync($"/api/v1/namespaces/{ns}/quota", new { bytes = long.Parse(Gib, System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
            using HttpResponseMessage webhook = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks",
                new { name = ns, url = "http://127.0.0.1:9/hook?token=x", secret = WebhookRegistry.Secret, namespaces = new[] { ns }, actions = new[] { "push" } });
            Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        }
        else
        {
            ConsoleClient console = await ConsoleAsync();
            (HttpStatusCode status, string html) = await console.SubmitAsync("/ui/protection", "create-rule",
                ("scopeKind", "namespace"), ("scopeName", ns), ("pattern", "v.*"), ("kind", "immutable"));
            Assert.True(status == HttpStatusCode.OK, html);
            (status, html) = await console.SubmitAsync("/ui/admin/quotas", "set-quota", ("namespace", ns), ("gib", "1"));
            Assert.True(status == HttpStatusCode.OK, html);
            (status, html) = await console.SubmitAsync("/ui/admin/webhooks", "create-webhook",
                ("name", ns), ("url", "http://127.0.0.1:9/hook?token=x"), ("secret", WebhookRegistry.Secret), ("namespaces", ns), ("actions", "push"));
            Assert.True(status == HttpStatusCode.OK, html);
        }

        JsonElement created = await SingleAuditAsync("protection.create", $"{ns}/*");
        Assert.Equal("admin", Text(created, "actor"));
        Assert.Matches($@"^rule \d+ \(immutable: tags matching 'v\.\*' in {ns}/\*\)$", Text(created, "detail"));
        JsonElement set = await SingleAuditAsync("quota.set", ns);
        Assert.Equal(("admin", Gib), (Text(set, "actor"), Text(set, "detail")));
        JsonElement webhookCreated = await SingleAuditAsync("webhook.create", ns);
        Assert.Equal(("admin", "http://127.0.0.1:9/hook; push; enabled"), (Text(webhookCreated, "actor"), Text(webhookCreated, "detail")));
    }

    /// <summary>Users, roles and CI tokens too: one service checks and announces them, so the audit entries are the same from either.</summary>
    [Theory]
    [InlineData(EntryPoint.Management)]
    [InlineData(EntryPoint.Console)]
    public async Task UserRoleAndCiTokenChanges_AreAuditedAlike_FromTheApiAndTheConsole(EntryPoint via)
    {
        string ns = AuthRegistry.UniqueName("ns");
        string user = AuthRegistry.UniqueName("user");
        string token = AuthRegistry.UniqueName("token");
        if (via == EntryPoint.Management)
        {
            using (HttpResponseMessage userCreated = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name = user, password = "a-long-password" }))
            {
                Assert.Equal(HttpStatusCode.Created, userCreated.StatusCode);
            }

            using (HttpResponseMessage granted = await registry.Admin.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { kind = "namespace", scope = ns, role = "developer" }))
            {
                Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
            }

            using HttpResponseMessage issued = await registry.Admin.PostAsJsonAsync("/api/v1/tokens", new { name = token, namespaces = new[] { ns }, actions = new[] { "pull", "push" }, expiresInDays = 7 });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }
        else
        {
            ConsoleClient console = await ConsoleAsync();
            (HttpStatusCode status, string html) = await console.SubmitAsync("/ui/admin/users", "create-user", ("name", user), ("password", "a-long-password"));
            Assert.True(status == HttpStatusCode.OK, html);
            (status, html) = await console.SubmitAsync("/ui/admin/users", "grant-role", ("user", user), ("kind", "namespace"), ("scope", ns), ("role", "developer"));
            Assert.True(status == HttpStatusCode.OK, html);
            (status, html) = await console.SubmitAsync("/ui/tokens", "create-token", ("name", token), ("namespaces", ns), ("actions", "pull"), ("actions", "push"), ("days", "7"));
            Assert.True(status == HttpStatusCode.OK, html);
        }

        JsonElement created = await SingleAuditAsync("user.create", user);
        Assert.Equal(("admin", (string?)null), (Text(created, "actor"), Text(created, "detail")));
        JsonElement grant = await SingleAuditAsync("role.grant", user);
        Assert.Equal(("admin", $"developer on {ns}/*"), (Text(grant, "actor"), Text(grant, "detail")));
        JsonElement issuedToken = await SingleAuditAsync("token.create", $"token:{token}");
        Assert.Equal("admin", Text(issuedToken, "actor"));
        Assert.Matches($@"^pull,push on {ns} until \d{{4}}-", Text(issuedToken, "detail"));
    }

    /// <summary>Performs the delete through <paramref name="via"/>; returns the actor it should be announced with.</summary>
    private async Task<string> DeleteTagAsync(EntryPoint via, string repository, string tag)
    {
        switch (via)
        {
            case EntryPoint.Distribution:
                using (HttpResponseMessage response = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/{tag}"))
                {
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }

                return "admin";
            case EntryPoint.Management:
                using (HttpResponseMessage response = await registry.Admin.DeleteAsync($"/api/v1/repositories/{repository}/tags/{tag}"))
                {
                    Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                }

                return "admin";
            case EntryPoint.Console:
                ConsoleClient console = await ConsoleAsync();
                (HttpStatusCode status, string html) = await console.SubmitAsync($"/ui/repository?name={Uri.EscapeDataString(repository)}", "delete-tags", ("tag", tag));
                Assert.True(status == HttpStatusCode.OK, html);
                Assert.Contains($"Deleted {tag}.", html, StringComparison.Ordinal);
                return "admin";
            default:
                return await RunRetentionAsync(repository.Split('/')[0]);
        }
    }

    /// <summary>Runs a policy over the namespace that keeps only the tag <c>new</c>; returns its actor.</summary>
    private async Task<string> RunRetentionAsync(string ns)
    {
        string policy = AuthRegistry.UniqueName("p");
        await RetentionApi.CreatePolicyAsync(registry.Admin, new
        {
            name = policy,
            repositories = new[] { ns + "/*" },
            rules = new object[] { new { kind = "matching", pattern = "new" } },
        });
        JsonElement run = await RetentionApi.RunAsync(registry.Admin, policy, dryRun: false);
        Assert.Equal(1, run.GetProperty("tagsDeleted").GetInt32());
        return "retention:" + policy;
    }

    private async Task<ConsoleClient> ConsoleAsync()
    {
        var console = new ConsoleClient(registry.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.Equal(HttpStatusCode.Redirect, await console.SignInAsync("admin", RegistryApiFactory.AdminPassword));
        return console;
    }

    private async Task<JsonElement> SingleAuditAsync(string action, string target, string? detail = null)
    {
        List<JsonElement> entries = [.. (await registry.AuditAsync($"action={action}")).Where(entry => Text(entry, "target") == target && (detail is null || Text(entry, "detail") == detail))];
        return entries.Count == 1 ? entries[0] : throw new Xunit.Sdk.XunitException($"{entries.Count} {action} entries for {target}: {string.Join(", ", entries.Select(e => e.GetRawText()))}");
    }

    private static async Task<JsonElement> EventAsync(WebhookReceiver receiver, Func<JsonElement, bool> match)
    {
        await receiver.WaitForAcceptedAsync(r => r.SelectMany(w => w.Events()).Any(match), WebhookRegistry.Patience, "the event");
        List<JsonElement> events = [.. receiver.AcceptedEvents().Where(match)];
        return events.Count == 1 ? events[0] : throw new Xunit.Sdk.XunitException($"{events.Count} matching events: {string.Join(", ", events.Select(e => e.GetRawText()))}");
    }

    private static Announcement Describe(JsonElement audit, JsonElement e)
        => new(Text(audit, "action")!, Text(audit, "target")!, Text(audit, "detail"), Text(e, "action")!, e.GetProperty("target").GetRawText());

    private static void AssertActor(EntryPoint via, string actor, JsonElement audit, JsonElement e, string method)
    {
        Assert.Equal(actor, Text(audit, "actor"));
        Assert.Equal(actor, Text(e, "actor.name"));
        Assert.True(Text(audit, "success") == "true", audit.GetRawText());
        if (via == EntryPoint.Retention)
        {
            Assert.False(e.TryGetProperty("request", out _), $"a policy's event names no request: {e.GetRawText()}");
        }
        else
        {
            Assert.Equal(method, Text(e, "request.method"));
            Assert.Equal("localhost", Text(e, "request.host"));
        }
    }

    private static string? Text(JsonElement element, string path)
    {
        JsonElement value = element;
        foreach (string part in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
            {
                return null;
            }
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }
}
