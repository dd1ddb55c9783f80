using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>The admin account made at the first start goes through the access service like any other account change, so it is audited.</summary>
public sealed class AdminBootstrapAuditTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task FirstStart_AuditsTheAdminAccountAndItsGlobalRole_AsTheBootstrapSystemActor()
    {
        using HttpClient admin = registry.Basic("admin", RegistryApiFactory.AdminPassword);

        using JsonDocument audit = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/audit?actor=system:bootstrap"));

        Assert.Equal(
            [("role.grant", "admin", "admin on *"), ("user.create", "admin", "bootstrap")],
            audit.RootElement.GetProperty("entries").EnumerateArray()
                .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("target").GetString(), e.GetProperty("detail").GetString()))
                .OrderBy(e => e.Item1, StringComparer.Ordinal));
    }
}
