using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages;

/// <summary>
/// Retention on package repositories through the same API as on any artifact repository: a version folder is a
/// version, the clients' indexes lose the deleted versions (npm's packument and dist-tags, PyPI's simple page), and
/// the deletions are announced as for any artifact.
/// </summary>
public sealed class PackageRetentionApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task KeepTheHighestTwoVersions_OfAnNpmPackage_DropsTheOldestFromThePackument()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        foreach (string version in new[] { "1.0.0", "1.1.0", "2.0.0" })
        {
            using HttpResponseMessage published = await Admin.PutAsync($"/artifactory/api/npm/{key}/ui-kit",
                new StringContent(new NpmPublishBody("ui-kit", version).Json(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        using HttpResponseMessage tagged = await Admin.PutAsync($"/artifactory/api/npm/{key}/-/package/ui-kit/dist-tags/legacy", JsonContent.Create("1.0.0"));
        Assert.True(tagged.IsSuccessStatusCode);

        string retention = $"/api/v1/artifact-repositories/{key}/retention";
        using HttpResponseMessage set = await Admin.PutAsJsonAsync(retention, new { rules = new[] { new { kind = "highest-versions", count = 2 } } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using HttpResponseMessage run = await Admin.PostAsync(retention + "/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        using JsonDocument report = JsonDocument.Parse(await run.Content.ReadAsStringAsync());
        Assert.Equal(1, report.RootElement.GetProperty("versionsDeleted").GetInt32());

        JsonElement packument = await Admin.GetJsonAsync($"/artifactory/api/npm/{key}/ui-kit");
        Assert.Equal(["1.1.0", "2.0.0"], packument.GetProperty("versions").EnumerateObject().Select(v => v.Name).Order(StringComparer.Ordinal));
        JsonElement tags = packument.GetProperty("dist-tags");
        Assert.Equal("2.0.0", tags.GetProperty("latest").GetString());
        Assert.False(tags.TryGetProperty("legacy", out _), "a dist-tag of a deleted version is not served");
        using HttpResponseMessage gone = await Admin.GetAsync($"/artifactory/api/npm/{key}/ui-kit/-/ui-kit-1.0.0.tgz");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task PreReleases_OfAPythonProject_AreDeleted_AndLeaveTheSimpleIndex()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        foreach (string version in new[] { "1.0", "1.1rc1" })
        {
            using HttpResponseMessage uploaded = await Admin.PostAsync($"/artifactory/api/pypi/{key}", PypiWheel.Build("data-tools", version).UploadForm());
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        }

        // PEP 440 releases are kept by a pattern; with a `recent` rule beside it, a pre-release would stay while recent
        // (PackageRepositoryRulesTests covers that with a fake clock).
        string retention = $"/api/v1/artifact-repositories/{key}/retention";
        using HttpResponseMessage set = await Admin.PutAsJsonAsync(retention, new { rules = new[] { new { kind = "matching", pattern = "[0-9]+(\\.[0-9]+)*" } } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using HttpResponseMessage run = await Admin.PostAsync(retention + "/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);

        string page = await Admin.GetStringAsync($"/artifactory/api/pypi/{key}/simple/data-tools/");
        Assert.Contains("data_tools-1.0-py3-none-any.whl", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1rc1", page, StringComparison.Ordinal);
    }
}
