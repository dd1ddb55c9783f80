using System.Net;
using System.Text.RegularExpressions;

namespace Registry.Tests.WebConsole;

/// <summary>CI tokens and administration pages in the console.</summary>
public sealed class ConsoleTokenTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task CreatedToken_ShowsItsSecretOnce_AndTheSecretLogsIn()
    {
        ConsoleClient console = await fixture.SignedInAsync("maintainer");

        (HttpStatusCode status, string html) = await console.SubmitAsync("/ui/tokens", "create-token",
            ("name", "ci-console"), ("namespaces", "team"), ("actions", "pull"), ("actions", "push"), ("days", "30"));

        Assert.Equal(HttpStatusCode.OK, status);
        string secret = Regex.Match(html, "id=\"token-secret\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("rgt_", secret);
        (_, string later) = await console.GetAsync("/ui/tokens");
        Assert.Contains("ci-console", later);
        Assert.DoesNotContain(secret, later);
        using HttpClient robot = fixture.Factory.CreateClientFor("ci-console", secret);
        using HttpResponseMessage pull = await robot.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
    }

    [Fact]
    public async Task Token_WiderThanTheUsersRoles_IsRefused()
    {
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (HttpStatusCode status, string html) = await console.SubmitAsync("/ui/tokens", "create-token",
            ("name", "ci-too-wide"), ("namespaces", "team"), ("actions", "push"), ("days", "30"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("token-secret", html);
    }

    [Fact]
    public async Task AdministrationPages_AreForGlobalAdminsOnly()
    {
        ConsoleClient reader = await fixture.SignedInAsync("reader");
        ConsoleClient admin = await fixture.SignedInAsync("admin");

        foreach (string page in new[] { "/ui/admin/users", "/ui/admin/webhooks", "/ui/admin/quotas", "/ui/admin/audit" })
        {
            (_, string denied) = await reader.GetAsync(page);
            (HttpStatusCode status, string shown) = await admin.GetAsync(page);
            Assert.Contains("notice error", denied);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("notice error", shown);
        }

        (HttpStatusCode forged, _) = await reader.SubmitAsync("/ui/admin/quotas", "set-quota", ("namespace", "team"), ("gib", "1"));
        Assert.True(forged is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_CreatesAUserAndGrantsARole_AndTheAuditLogShowsIt_ThenDeletesTheUser()
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");

        (HttpStatusCode created, _) = await admin.SubmitAsync("/ui/admin/users", "create-user", ("name", "newcomer"), ("password", "newcomer-password"));
        (HttpStatusCode granted, _) = await admin.SubmitAsync("/ui/admin/users", "grant-role",
            ("user", "newcomer"), ("role", "developer"), ("kind", "namespace"), ("scope", "team"));
        (_, string audit) = await admin.GetAsync("/ui/admin/audit?actor=admin&action=role.grant");

        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Equal(HttpStatusCode.OK, granted);
        Assert.Contains("newcomer", audit);
        Assert.Equal(HttpStatusCode.Redirect, await fixture.NewConsole().SignInAsync("newcomer", "newcomer-password"));

        (HttpStatusCode reset, _) = await admin.SubmitAsync("/ui/admin/users", "set-password", ("user", "newcomer"), ("password", "another-password-2"));
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal(HttpStatusCode.Redirect, await fixture.NewConsole().SignInAsync("newcomer", "another-password-2"));

        (HttpStatusCode deleted, string after) = await admin.SubmitAsync("/ui/admin/users", "delete-newcomer", ("user", "newcomer"));
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.DoesNotContain("value=\"newcomer\"", after);
        Assert.Equal(HttpStatusCode.Unauthorized, await fixture.NewConsole().SignInAsync("newcomer", "another-password-2"));
    }

    [Fact]
    public async Task Admin_CreatesDisablesAndDeletesAWebhook()
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");

        (HttpStatusCode created, string page) = await admin.SubmitAsync("/ui/admin/webhooks", "create-webhook",
            ("name", "ci-hook"), ("url", "https://builds.example.net/registry-events"), ("secret", "a-secret-of-enough-length"), ("actions", "push"));
        (HttpStatusCode tooShort, string refused) = await admin.SubmitAsync("/ui/admin/webhooks", "create-webhook",
            ("name", "weak-hook"), ("url", "https://ci.example.com/hooks/other"), ("secret", "short"));
        string id = Regex.Match(page, "name=\"_handler\" value=\"toggle-([0-9a-f]+)\"").Groups[1].Value;
        (HttpStatusCode disabled, string afterToggle) = await admin.SubmitAsync("/ui/admin/webhooks", $"toggle-{id}", ("webhook", id));
        (HttpStatusCode deleted, string afterDelete) = await admin.SubmitAsync("/ui/admin/webhooks", $"delete-{id}", ("webhook", id));

        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Contains("https://builds.example.net/registry-events", page);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort);
        Assert.DoesNotContain("hooks/other", refused);
        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.Contains("<td>disabled</td>", afterToggle);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.DoesNotContain("registry-events", afterDelete);
    }
}
