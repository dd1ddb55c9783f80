using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// Retention for artifact repositories through <c>/api/v1/artifact-repositories/{key}/retention</c>: a dry run
/// reports and changes nothing, the run deletes exactly what the dry run listed (keep properties protect), Maven
/// metadata loses the deleted versions, and only maintainers may set or run a policy.
/// </summary>
public sealed class ArtifactRetentionApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private const string Artifact = "org/acme/app";

    private HttpClient Admin => registry.Admin;

    private static string Metadata(params string[] versions) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata><groupId>org.acme</groupId><artifactId>app</artifactId><versioning><latest>{versions[^1]}</latest><release>{versions[^1]}</release>
        <versions>{string.Concat(versions.Select(v => $"<version>{v}</version>"))}</versions><lastUpdated>20260101000000</lastUpdated></versioning></metadata>
        """;

    private async Task<string> MavenRepositoryWithVersionsAsync(params string[] versions)
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        foreach (string version in versions)
        {
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.jar", Digests.RandomBytes(100));
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.pom", Digests.RandomBytes(10));
        }

        await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/maven-metadata.xml", Encoding.UTF8.GetBytes(Metadata(versions)));
        return repo;
    }

    private static object Policy(int highest, params string[] keepProperties)
        => new { rules = new[] { new { kind = "highest-versions", count = highest } }, keepProperties };

    private async Task<int> StatusAsync(string url)
    {
        using HttpResponseMessage response = await Admin.GetAsync(url);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task DryRunChangesNothing_RunDeletesWhatItListed_KeepPropertiesProtect_AndMetadataFollows()
    {
        string repo = await MavenRepositoryWithVersionsAsync("1.0.0", "1.1.0", "1.2.0", "2.0.0");
        using HttpResponseMessage property = await Admin.PutAsync($"/artifactory/api/storage/{repo}/{Artifact}/1.0.0?properties=release=lts", null);
        Assert.Equal(HttpStatusCode.NoContent, property.StatusCode);
        using HttpResponseMessage set = await Admin.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention", Policy(2, "release=lts"));
        await OciAssert.SuccessAsync(set, HttpStatusCode.OK);
        JsonElement stored = await Admin.GetJsonAsync($"/api/v1/artifact-repositories/{repo}/retention");
        Assert.Equal("highest-versions", stored.GetProperty("rules")[0].GetProperty("kind").GetString());

        JsonElement dry = await PostAsync($"/api/v1/artifact-repositories/{repo}/retention/dry-run");
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["1.1.0"], Deleted(dry));
        Assert.Equal(2, dry.GetProperty("filesDeleted").GetInt32());
        Assert.Equal(JsonValueKind.Null, dry.GetProperty("bytesFreed").ValueKind);
        Assert.Equal(200, await StatusAsync($"/artifactory/{repo}/{Artifact}/1.1.0/app-1.1.0.jar"));

        JsonElement run = await PostAsync($"/api/v1/artifact-repositories/{repo}/retention/run");
        Assert.False(run.GetProperty("dryRun").GetBoolean());
        Assert.Equal(Deleted(dry), Deleted(run));
        Assert.Equal((2, 110L), (run.GetProperty("blobsFreed").GetInt32(), run.GetProperty("bytesFreed").GetInt64()));   // the jar and the pom: random, used by nothing else
        Assert.Equal(404, await StatusAsync($"/artifactory/{repo}/{Artifact}/1.1.0/app-1.1.0.jar"));
        Assert.Equal(404, await StatusAsync($"/artifactory/api/storage/{repo}/{Artifact}/1.1.0"));
        foreach (string kept in new[] { "1.0.0", "1.2.0", "2.0.0" })
        {
            Assert.Equal(200, await StatusAsync($"/artifactory/{repo}/{Artifact}/{kept}/app-{kept}.jar"));
        }

        using HttpResponseMessage metadata = await Admin.GetAsync($"/artifactory/{repo}/{Artifact}/maven-metadata.xml");
        string xml = await metadata.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<version>1.1.0</version>", xml);
        Assert.Contains("<version>1.0.0</version>", xml);
        using HttpResponseMessage metadataSha1 = await Admin.GetAsync($"/artifactory/{repo}/{Artifact}/maven-metadata.xml.sha1");
        Assert.Equal(ArtifactRequests.Sha1(Encoding.UTF8.GetBytes(xml)), await metadataSha1.Content.ReadAsStringAsync());

        JsonElement again = await PostAsync($"/api/v1/artifact-repositories/{repo}/retention/dry-run");
        Assert.Empty(Deleted(again));
        Assert.Contains(await registry.AuditAsync("action=artifact-retention.run"), e => e.GetProperty("target").GetString() == repo);
    }

    [Fact]
    public async Task Policies_AreValidated_AndOnlyMaintainersMaySetOrRunThem()
    {
        string repo = await MavenRepositoryWithVersionsAsync("1.0.0", "2.0.0");
        foreach (object invalid in new object[]
        {
            new { rules = Array.Empty<object>() },
            new { rules = new[] { new { kind = "most-recently-pulled", count = 1 } } },
            new { rules = new[] { new { kind = "highest-versions" } } },
            new { rules = new[] { new { kind = "highest-versions", count = 1 } }, keepProperties = new[] { "bad name" } },
        })
        {
            using HttpResponseMessage refused = await Admin.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention", invalid);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using HttpResponseMessage none = await Admin.PostAsync($"/api/v1/artifact-repositories/{repo}/retention/run", null);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        string developer = await registry.CreateUserAsync(("namespace", repo, "developer"));
        using HttpClient dev = registry.Basic(developer, AuthRegistry.Password);
        using HttpResponseMessage devSet = await dev.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention", Policy(1));
        Assert.Equal(HttpStatusCode.Forbidden, devSet.StatusCode);

        string maintainer = await registry.CreateUserAsync(("namespace", repo, "maintainer"));
        using HttpClient maint = registry.Basic(maintainer, AuthRegistry.Password);
        using HttpResponseMessage set = await maint.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention", Policy(1));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using HttpResponseMessage devDryRun = await dev.PostAsync($"/api/v1/artifact-repositories/{repo}/retention/dry-run", null);
        Assert.Equal(HttpStatusCode.OK, devDryRun.StatusCode);
        using HttpResponseMessage devRun = await dev.PostAsync($"/api/v1/artifact-repositories/{repo}/retention/run", null);
        Assert.Equal(HttpStatusCode.Forbidden, devRun.StatusCode);
        Assert.Equal(200, await StatusAsync($"/artifactory/{repo}/{Artifact}/1.0.0/app-1.0.0.jar"));

        using HttpResponseMessage removed = await maint.DeleteAsync($"/api/v1/artifact-repositories/{repo}/retention");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using HttpResponseMessage gone = await Admin.GetAsync($"/api/v1/artifact-repositories/{repo}/retention");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private async Task<JsonElement> PostAsync(string url)
    {
        using HttpResponseMessage response = await Admin.PostAsync(url, null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Deleted(JsonElement report)
        => [.. report.GetProperty("versions").EnumerateArray().Where(v => v.GetProperty("action").GetString() == "delete").Select(v => v.GetProperty("version").GetString()!)];
}
