using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary><c>/api/v1/protection-rules</c>: who may create, see and delete rules, and what a rule must look like.</summary>
public sealed class ProtectionRuleApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task Create_ByANamespaceMaintainer_Returns201WithTheRule_AndIsAudited()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));

        using HttpResponseMessage response = await TagApi.CreateRuleAsync(registry.Basic(maintainer, AuthRegistry.Password), ns, null, @"\d+\.\d+\.\d+", "immutable");

        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement rule = json.RootElement;
        long id = rule.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/protection-rules/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal((ns, JsonValueKind.Null, @"\d+\.\d+\.\d+", "immutable", maintainer),
            (rule.GetProperty("namespace").GetString(), rule.GetProperty("repository").ValueKind, rule.GetProperty("pattern").GetString(), rule.GetProperty("kind").GetString(), rule.GetProperty("createdBy").GetString()));
        JsonElement audit = Assert.Single(await registry.AuditAsync($"action=protection.create&target={ns}"));
        Assert.Equal(maintainer, audit.GetProperty("actor").GetString());
        Assert.Contains($"rule {id}", audit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NeedsManageOnTheWholeScope()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));
        string repositoryMaintainer = await registry.CreateUserAsync(("repository", ns + "/app", "maintainer"));
        string otherMaintainer = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("other"), "maintainer"));
        CreatedCiToken ci = await registry.CreateCiTokenAsync([ns], ["pull", "push", "delete"]);

        foreach ((HttpClient client, string? @namespace, string? repository) in new (HttpClient, string?, string?)[]
                 {
                     (registry.Basic(developer, AuthRegistry.Password), ns, null),
                     (registry.Basic(developer, AuthRegistry.Password), null, ns + "/app"),
                     (registry.Basic(repositoryMaintainer, AuthRegistry.Password), ns, null),
                     (registry.Basic(otherMaintainer, AuthRegistry.Password), ns, null),
                     (registry.Basic(ci.Name, ci.Secret), ns, null),
                 })
        {
            using HttpResponseMessage denied = await TagApi.CreateRuleAsync(client, @namespace, repository, "v.*", "immutable");
            await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        }

        using HttpResponseMessage ownRepository = await TagApi.CreateRuleAsync(registry.Basic(repositoryMaintainer, AuthRegistry.Password), null, ns + "/app", "v.*", "protected-from-deletion");
        await OciAssert.SuccessAsync(ownRepository, HttpStatusCode.Created);
        Assert.Single(await TagApi.RuleIdsAsync(registry.Admin, $"?namespace={ns}"));
    }

    [Theory]
    [InlineData(null, null, "v.*", "immutable")]
    [InlineData("NS", null, "v.*", "immutable")]
    [InlineData("a/b", null, "v.*", "immutable")]
    [InlineData(null, "Bad/Name", "v.*", "immutable")]
    [InlineData("{ns}", "{ns}/app", "v.*", "immutable")]
    [InlineData("{ns}", null, "", "immutable")]
    [InlineData("{ns}", null, "(", "immutable")]
    [InlineData("{ns}", null, @"(a)\1", "immutable")]
    [InlineData("{ns}", null, "(?<=v)1", "immutable")]
    [InlineData("{ns}", null, "v.*", "frozen")]
    [InlineData("{ns}", null, "v.*", null)]
    public async Task Create_Invalid_Is400(string? @namespace, string? repository, string pattern, string? kind)
    {
        string ns = AuthRegistry.UniqueName("ns");
        using HttpResponseMessage response = await TagApi.CreateRuleAsync(registry.Admin, @namespace?.Replace("{ns}", ns, StringComparison.Ordinal),
            repository?.Replace("{ns}", ns, StringComparison.Ordinal), pattern, kind!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await TagApi.ErrorMessageAsync(response));
    }

    [Fact]
    public async Task Create_Duplicate_Is409()
    {
        string ns = AuthRegistry.UniqueName("ns");
        await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "v.*", "immutable");

        using HttpResponseMessage duplicate = await TagApi.CreateRuleAsync(registry.Admin, ns, null, "v.*", "immutable");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task List_ShowsTheRulesTheCallerMayPullFrom_FilteredByNamespaceOrRepository()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string other = AuthRegistry.UniqueName("other");
        long nsRule = await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "v.*", "immutable");
        long appRule = await TagApi.CreateRuleIdAsync(registry.Admin, null, ns + "/app", "latest", "protected-from-deletion");
        long libRule = await TagApi.CreateRuleIdAsync(registry.Admin, null, ns + "/lib", "latest", "protected-from-deletion");
        long otherRule = await TagApi.CreateRuleIdAsync(registry.Admin, other, null, ".*", "immutable");
        string nsReader = await registry.CreateUserAsync(("namespace", ns, "reader"));
        string appReader = await registry.CreateUserAsync(("repository", ns + "/app", "reader"));

        Assert.Equal([nsRule, appRule, libRule], await TagApi.RuleIdsAsync(registry.Admin, $"?namespace={ns}"));
        Assert.Equal([nsRule, appRule], await TagApi.RuleIdsAsync(registry.Admin, $"?repository={ns}/app"));
        Assert.Contains(otherRule, await TagApi.RuleIdsAsync(registry.Admin));

        using HttpClient nsClient = registry.Basic(nsReader, AuthRegistry.Password);
        Assert.Equal([nsRule, appRule, libRule], await TagApi.RuleIdsAsync(nsClient));
        using HttpClient appClient = registry.Basic(appReader, AuthRegistry.Password);
        Assert.Equal([appRule], await TagApi.RuleIdsAsync(appClient));
        Assert.Equal([nsRule, appRule], await TagApi.RuleIdsAsync(appClient, $"?repository={ns}/app"));
        using HttpResponseMessage denied = await appClient.GetAsync($"/api/v1/protection-rules?repository={ns}/lib");
        await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        using HttpResponseMessage hidden = await appClient.GetAsync($"/api/v1/protection-rules/{libRule}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using HttpResponseMessage visible = await appClient.GetAsync($"/api/v1/protection-rules/{appRule}");
        await OciAssert.SuccessAsync(visible, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_ByAMaintainer_Returns204_ButNotByAReader()
    {
        string ns = AuthRegistry.UniqueName("ns");
        long id = await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "v.*", "immutable");
        string reader = await registry.CreateUserAsync(("namespace", ns, "reader"));
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));

        using HttpResponseMessage denied = await registry.Basic(reader, AuthRegistry.Password).DeleteAsync($"/api/v1/protection-rules/{id}");
        await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        using HttpResponseMessage deleted = await registry.Basic(maintainer, AuthRegistry.Password).DeleteAsync($"/api/v1/protection-rules/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage again = await registry.Admin.DeleteAsync($"/api/v1/protection-rules/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using HttpResponseMessage nonsense = await registry.Admin.DeleteAsync("/api/v1/protection-rules/abc");
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        Assert.Single(await registry.AuditAsync($"action=protection.delete&target={ns}"));
    }

    [Fact]
    public async Task Rules_NeedAuthentication()
    {
        using HttpResponseMessage response = await registry.Anonymous().GetAsync("/api/v1/protection-rules");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
