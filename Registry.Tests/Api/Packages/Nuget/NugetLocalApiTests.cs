using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Api.Packages.Nuget;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Nuget;

/// <summary>
/// A local NuGet repository through <c>/artifactory/api/nuget/v3/{key}/</c>: the service index, push (multipart, as
/// dotnet nuget push), what the feed then shows (flat container, registration, search), duplicates, delete, roles,
/// and every kind of bad package refused with nothing recorded.
/// </summary>
public sealed class NugetLocalApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task ServiceIndex_ListsTheResourcesWithAbsoluteUrls_AndIsServedEvenToAnonymousCallers()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");

        JsonElement index = await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/index.json");
        Dictionary<string, string> resources = index.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("@type").GetString()!, r => r.GetProperty("@id").GetString()!);
        string feed = "http://localhost" + NugetRequests.Feed(key);
        Assert.Equal(feed + "/flatcontainer/", resources["PackageBaseAddress/3.0.0"]);
        Assert.Equal(feed, resources["PackagePublish/2.0.0"]);
        foreach (string type in new[] { "RegistrationsBaseUrl", "RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.0.0-beta", "RegistrationsBaseUrl/3.6.0" })
        {
            Assert.Equal(feed + "/registration/", resources[type]);
        }

        Assert.Equal(feed + "/query", resources["SearchQueryService/3.0.0-rc"]);

        using HttpResponseMessage anonymous = await registry.Anonymous().GetAsync($"{NugetRequests.Feed(key)}/index.json");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        using HttpResponseMessage versions = await registry.Anonymous().GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme/index.json");
        Assert.Equal(HttpStatusCode.Unauthorized, versions.StatusCode);
        using HttpResponseMessage missing = await Admin.GetAsync($"{NugetRequests.Feed("nosuchrepo1")}/index.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Push_StoresTheVersionFolder_AndTheFeedShowsIt()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        byte[] package = NugetPackageBuilder.Package("Acme.Widgets", "1.0.0-Beta.2+build.7",
            """<group targetFramework="net10.0"><dependency id="Acme.Core" version="1.0" /></group>""", description: "Widgets for all");
        await Admin.PushOkAsync(key, package);
        await Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Widgets", "0.9"));

        Assert.Equal(["acme.widgets/0.9.0/acme.widgets.0.9.0.nupkg", "acme.widgets/0.9.0/acme.widgets.nuspec",
            "acme.widgets/1.0.0-beta.2/acme.widgets.1.0.0-beta.2.nupkg", "acme.widgets/1.0.0-beta.2/acme.widgets.nuspec"], await registry.FilesAsync(key));
        JsonElement stored = await Admin.GetJsonAsync($"/artifactory/api/storage/{key}/acme.widgets/1.0.0-beta.2/acme.widgets.1.0.0-beta.2.nupkg?properties");
        Assert.Equal("Acme.Widgets", stored.GetProperty("properties").GetProperty("nuget.id")[0].GetString());
        Assert.Equal("1.0.0-Beta.2", stored.GetProperty("properties").GetProperty("nuget.version")[0].GetString());

        Assert.Equal(["0.9.0", "1.0.0-beta.2"], await Admin.VersionsAsync(key, "acme.widgets"));
        using HttpResponseMessage nupkg = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.widgets/1.0.0-beta.2/acme.widgets.1.0.0-beta.2.nupkg");
        Assert.Equal(package, await nupkg.Content.ReadAsByteArrayAsync());
        Assert.Equal(ArtifactRequests.Sha256(package), nupkg.Headers.GetValues("X-Checksum-Sha256").Single());
        using HttpResponseMessage nuspec = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.widgets/1.0.0-beta.2/acme.widgets.nuspec");
        Assert.Contains("<id>Acme.Widgets</id>", await nuspec.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        JsonElement registration = await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/registration/acme.widgets/index.json");
        JsonElement page = Assert.Single(registration.GetProperty("items").EnumerateArray());
        Assert.Equal(("0.9.0", "1.0.0-beta.2"), (page.GetProperty("lower").GetString(), page.GetProperty("upper").GetString()));
        JsonElement entry = page.GetProperty("items")[1].GetProperty("catalogEntry");
        Assert.Equal(("Acme.Widgets", "1.0.0-Beta.2", "Widgets for all", "Tests", true),
            (entry.GetProperty("id").GetString(), entry.GetProperty("version").GetString(), entry.GetProperty("description").GetString(),
             entry.GetProperty("authors").GetString(), entry.GetProperty("listed").GetBoolean()));
        JsonElement group = Assert.Single(entry.GetProperty("dependencyGroups").EnumerateArray());
        Assert.Equal("net10.0", group.GetProperty("targetFramework").GetString());
        JsonElement dependency = Assert.Single(group.GetProperty("dependencies").EnumerateArray());
        Assert.Equal(("Acme.Core", "[1.0.0, )"), (dependency.GetProperty("id").GetString(), dependency.GetProperty("range").GetString()));
        Assert.EndsWith("/flatcontainer/acme.widgets/1.0.0-beta.2/acme.widgets.1.0.0-beta.2.nupkg", entry.GetProperty("packageContent").GetString(), StringComparison.Ordinal);

        JsonElement releases = await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/query?q=widg");
        JsonElement hit = Assert.Single(releases.GetProperty("data").EnumerateArray());
        Assert.Equal(("Acme.Widgets", "0.9.0"), (hit.GetProperty("id").GetString(), hit.GetProperty("version").GetString()));
        JsonElement all = await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/query?q=WIDGETS&prerelease=true&semVerLevel=2.0.0");
        Assert.Equal("1.0.0-Beta.2", all.GetProperty("data")[0].GetProperty("version").GetString());
        Assert.Equal(["0.9.0", "1.0.0-beta.2"], all.GetProperty("data")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(0, (await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/query?q=nothing")).GetProperty("totalHits").GetInt32());
        Assert.Equal(0, (await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/query?q=widgets&skip=1")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Push_OfAnExistingVersion_Is409_UnlessTheRepositoryAllowsRedeploy()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        await Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Dup", "1.0"));

        byte[] other = NugetPackageBuilder.Package("acme.dup", "1.0.0", description: "other bytes");
        using HttpResponseMessage again = await Admin.PushAsync(key, other);
        string message = await ArtifactRequests.ErrorAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already exists", message, StringComparison.Ordinal);
        Assert.Contains("already exists", again.ReasonPhrase, StringComparison.Ordinal);
        Assert.False(await registry.HasBlobAsync(other), "a refused duplicate's bytes reached the blob store");
        Assert.Empty(registry.SpoolFiles());

        string redeploy = await Admin.CreateArtifactRepositoryAsync("nuget", allowRedeploy: true);
        await Admin.PushOkAsync(redeploy, NugetPackageBuilder.Package("Acme.Dup", "1.0"));
        byte[] second = NugetPackageBuilder.Package("Acme.Dup", "1.0", description: "second");
        await Admin.PushOkAsync(redeploy, second);
        using HttpResponseMessage nupkg = await Admin.GetAsync($"{NugetRequests.Feed(redeploy)}/flatcontainer/acme.dup/1.0.0/acme.dup.1.0.0.nupkg");
        Assert.Equal(second, await nupkg.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, byte[]> BadPackages => new()
    {
        { "not a zip", Encoding.UTF8.GetBytes("PK but not really a zip") },
        { "no nuspec", NugetPackageBuilder.Zip(("lib/a.dll", [1])) },
        { "broken nuspec", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes("<package><metadata>"))) },
        { "oversized nuspec", NugetPackageBuilder.Package("Acme", "1.0.0", description: new string('x', 300_000)) },
        { "id mismatch", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Other", "1.0.0")))) },
        { "invalid version", NugetPackageBuilder.Package("Acme", "1.0.0.0.0") },
        { "bad range", NugetPackageBuilder.Package("Acme", "1.0.0", """<dependency id="B" version="[1.0" />""") },
        { "traversal", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("../evil.dll", [1])) },
    };

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task Push_OfABadPackage_Is400_RecordsNothing_AndStoresNoBytes(string what, byte[] package)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");

        using HttpResponseMessage response = await Admin.PushAsync(key, package);

        string message = await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("the package is refused: ", message, StringComparison.Ordinal);
        Assert.True((await registry.FilesAsync(key)).Count == 0, what);
        Assert.False(await registry.HasBlobAsync(package), $"{what}: the refused bytes reached the blob store");
        Assert.Empty(registry.SpoolFiles());
    }

    [Fact]
    public async Task Push_StoresTheBytesOnlyOnceChecked_AndLeavesNoSpoolFile()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        byte[] package = NugetPackageBuilder.Package("Acme.Spooled", "1.0.0", description: "spooled then stored");

        await Admin.PushOkAsync(key, package);

        Assert.True(await registry.HasBlobAsync(package));
        Assert.Empty(registry.SpoolFiles());
        using HttpResponseMessage nupkg = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.spooled/1.0.0/acme.spooled.1.0.0.nupkg");
        Assert.Equal(package, await nupkg.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SpoolSweep_RemovesFilesACrashLeft_AndKeepsFreshOnes()
    {
        var spools = registry.Service<NugetPushSpools>();
        Directory.CreateDirectory(spools.Root);
        string stale = Path.Combine(spools.Root, "left-by-a-crash.nupkg");
        string fresh = Path.Combine(spools.Root, "in-use.nupkg");
        await File.WriteAllBytesAsync(stale, [1, 2, 3]);
        await File.WriteAllBytesAsync(fresh, [4]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - NugetPushSpools.StaleAfter - TimeSpan.FromMinutes(1));

        Assert.Equal(1, spools.Sweep(DateTimeOffset.UtcNow - NugetPushSpools.StaleAfter));

        Assert.Equal([fresh], registry.SpoolFiles());
        File.Delete(fresh);
    }

    [Fact]
    public async Task Push_WithoutAMultipartForm_WithACutOffForm_OrWithTraversalInThePath_Is400()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");

        using HttpResponseMessage raw = await Admin.DeployAsync($"{NugetRequests.Feed(key)}/", NugetPackageBuilder.Package("Acme", "1.0.0"));
        Assert.Contains("multipart/form-data", await ArtifactRequests.ErrorAsync(raw, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var truncated = new ByteArrayContent(Encoding.UTF8.GetBytes("--b1\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p.nupkg\"\r\n\r\nPK\u0003\u0004 and then the body ends"));
        truncated.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b1");
        using HttpResponseMessage cut = await Admin.PutAsync($"{NugetRequests.Feed(key)}/", truncated);
        Assert.Contains("cannot be read", await ArtifactRequests.ErrorAsync(cut, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Empty(registry.SpoolFiles());
        using HttpResponseMessage traversal = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/a%2F..%2Fb/index.json");
        Assert.Contains("traversal", await ArtifactRequests.ErrorAsync(traversal, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Empty(await registry.FilesAsync(key));
    }

    [Fact]
    public async Task Push_NeedsTheDeveloperRole_OrACiTokenWithPush_SentAsTheApiKey()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        string reader = await registry.CreateUserAsync(("namespace", key, "reader"));
        using HttpResponseMessage refused = await registry.Basic(reader, AuthRegistry.Password).PushAsync(key, NugetPackageBuilder.Package("Acme.A", "1.0.0"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using HttpResponseMessage anonymous = await registry.Anonymous().PushAsync(key, NugetPackageBuilder.Package("Acme.A", "1.0.0"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        CreatedCiToken token = await registry.CreateCiTokenAsync([key], ["pull", "push"]);
        using HttpResponseMessage pushed = await registry.Anonymous().PushAsync(key, NugetPackageBuilder.Package("Acme.A", "1.0.0"), apiKey: token.Secret);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        JsonElement stored = await Admin.GetJsonAsync($"/artifactory/api/storage/{key}/acme.a/1.0.0/acme.a.1.0.0.nupkg");
        Assert.Equal("token:" + token.Name, stored.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheVersion_NeedsTheMaintainerRole_AndGoesThroughAVirtualToItsDeploymentRepository()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        await Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Gone", "1.0.0"));
        await Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Gone", "2.0.0"));
        string developer = await registry.CreateUserAsync(("namespace", key, "developer"));

        using HttpResponseMessage refused = await registry.Basic(developer, AuthRegistry.Password).DeleteAsync($"{NugetRequests.Feed(key)}/Acme.Gone/1.0.0");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using HttpResponseMessage deleted = await Admin.DeleteAsync($"{NugetRequests.Feed(key)}/Acme.Gone/1.0");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["2.0.0"], await Admin.VersionsAsync(key, "acme.gone"));
        using HttpResponseMessage again = await Admin.DeleteAsync($"{NugetRequests.Feed(key)}/Acme.Gone/1.0.0");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        string through = AuthRegistry.UniqueName("virt");
        using HttpResponseMessage created = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories",
            new { key = through, type = "nuget", @class = "virtual", @virtual = new { repositories = new[] { key }, defaultDeploymentRepo = key } });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        await Admin.PushOkAsync(through, NugetPackageBuilder.Package("Acme.Gone", "3.0.0"));
        Assert.Equal(["2.0.0", "3.0.0"], await Admin.VersionsAsync(key, "acme.gone"));
        using HttpResponseMessage viaVirtual = await Admin.DeleteAsync($"{NugetRequests.Feed(through)}/Acme.Gone/2.0.0");
        Assert.Equal(HttpStatusCode.NoContent, viaVirtual.StatusCode);
        Assert.Equal(["3.0.0"], await Admin.VersionsAsync(through, "acme.gone"));
        Assert.Contains(await registry.AuditAsync(), e => e.GetRawText().Contains("acme.gone/2.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPackages_Are404_AndOtherTypesOfRepositoryAreNotFeeds()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("nuget");
        string maven = await Admin.CreateArtifactRepositoryAsync("maven");

        using HttpResponseMessage versions = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.none/index.json");
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        using HttpResponseMessage registration = await Admin.GetAsync($"{NugetRequests.Feed(key)}/registration/acme.none/index.json");
        Assert.Equal(HttpStatusCode.NotFound, registration.StatusCode);
        using HttpResponseMessage wrongType = await Admin.GetAsync($"{NugetRequests.Feed(maven)}/index.json");
        Assert.Equal(HttpStatusCode.NotFound, wrongType.StatusCode);
        using HttpResponseMessage v2 = await Admin.GetAsync($"/artifactory/api/nuget/{key}/index.json");
        Assert.Equal(HttpStatusCode.NotFound, v2.StatusCode);
    }
}
