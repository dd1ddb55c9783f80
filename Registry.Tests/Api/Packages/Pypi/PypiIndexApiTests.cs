using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Pypi;

/// <summary>
/// The simple index of a local PyPI repository: PEP 503 HTML by default, PEP 691 JSON when the Accept header prefers
/// it, links relative to the page with <c>#sha256=</c> and escaped <c>data-requires-python</c>, redirects to the
/// normalized name, the files behind the links, and who may read.
/// </summary>
public sealed class PypiIndexApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task ProjectPage_LinksEveryFile_WithItsSha256AndEscapedRequiresPython_AndTheLinkServesTheFile()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel first = PypiWheel.Build("Fancy.Tool", "1.0"), second = PypiWheel.Build("Fancy.Tool", "1.1");
        await UploadAsync(key, first, ">=3.8,<4");
        await UploadAsync(key, second, ">=3.8,<4");

        using HttpResponseMessage response = await Admin.GetAsync($"/artifactory/api/pypi/{key}/simple/fancy-tool/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string href = $"../../packages/fancy-tool/1.0/{first.FileName}#sha256={first.Sha256}";
        Assert.Contains($"<a href=\"{href}\" data-requires-python=\"&gt;=3.8,&lt;4\">{first.FileName}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"packages/fancy-tool/1.1/{second.FileName}#sha256={second.Sha256}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-dist-info-metadata", html, StringComparison.Ordinal);
        var link = new Uri(new Uri(Admin.BaseAddress!, $"/artifactory/api/pypi/{key}/simple/fancy-tool/"), href);
        Assert.Equal(first.Bytes, await Admin.GetByteArrayAsync(link));
    }

    [Theory]
    [InlineData("application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.1, text/html;q=0.01", "application/vnd.pypi.simple.v1+json")]
    [InlineData("text/html;q=0.5, application/vnd.pypi.simple.v1+json;q=0.9", "application/vnd.pypi.simple.v1+json")]
    [InlineData("application/vnd.pypi.simple.v1+json;q=0.2, text/html", "text/html")]
    [InlineData("application/vnd.pypi.simple.v1+html", "application/vnd.pypi.simple.v1+html")]
    [InlineData("image/png", "text/html")]
    [InlineData(null, "text/html")]
    public async Task ProjectPage_FollowsTheAcceptHeadersQValues(string? accept, string expected)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("negotiated", "3.0");
        await UploadAsync(key, wheel, ">=3.9");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/api/pypi/{key}/simple/negotiated/");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using HttpResponseMessage response = await Admin.SendAsync(request);

        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        if (expected.EndsWith("json", StringComparison.Ordinal))
        {
            using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("1.0", page.RootElement.GetProperty("meta").GetProperty("api-version").GetString());
            JsonElement file = Assert.Single(page.RootElement.GetProperty("files").EnumerateArray());
            Assert.Equal(wheel.FileName, file.GetProperty("filename").GetString());
            Assert.Equal($"../../packages/negotiated/3.0/{wheel.FileName}#sha256={wheel.Sha256}", file.GetProperty("url").GetString());
            Assert.Equal(wheel.Sha256, file.GetProperty("hashes").GetProperty("sha256").GetString());
            Assert.Equal(">=3.9", file.GetProperty("requires-python").GetString());
            Assert.False(file.GetProperty("yanked").GetBoolean());
        }
    }

    [Theory]
    [InlineData("Redirect_Me", "redirect-me")]
    [InlineData("redirect.me", "redirect-me")]
    [InlineData("redirect-me", "redirect-me")]
    public async Task ProjectPage_OfANameNotNormalizedOrWithoutSlash_Redirects301ToTheNormalizedUrl(string asked, string normalized)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        using HttpClient noRedirects = registry.Anonymous();
        noRedirects.DefaultRequestHeaders.Authorization = AuthRegistry.BasicHeader("admin", RegistryApiFactory.AdminPassword);

        using HttpResponseMessage response = await noRedirects.GetAsync($"/artifactory/api/pypi/{key}/simple/{asked}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/artifactory/api/pypi/{key}/simple/{normalized}/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ProjectList_ShowsEveryProject_InHtmlAndJson()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        await UploadAsync(key, PypiWheel.Build("Alpha_One", "1.0"), ">=3.8");
        await UploadAsync(key, PypiWheel.Build("beta", "0.1"), ">=3.8");

        string html = await Admin.GetStringAsync($"/artifactory/api/pypi/{key}/simple/");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/api/pypi/{key}/simple/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.pypi.simple.v1+json"));
        using HttpResponseMessage json = await Admin.SendAsync(request);
        using JsonDocument list = JsonDocument.Parse(await json.Content.ReadAsStringAsync());

        Assert.Contains("<a href=\"alpha-one/\">Alpha_One</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"beta/\">beta</a>", html, StringComparison.Ordinal);
        Assert.Equal(["Alpha_One", "beta"], list.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task UnknownProject_Is404_AndReadingNeedsTheReaderRole()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        await UploadAsync(key, PypiWheel.Build("private-thing", "1.0"), ">=3.8");
        string stranger = await registry.CreateUserAsync();
        using HttpClient anonymous = registry.Anonymous();
        using HttpClient strangerClient = registry.Basic(stranger, AuthRegistry.Password);

        await ArtifactRequests.ErrorAsync(await Admin.GetAsync($"/artifactory/api/pypi/{key}/simple/nothing-here/"), HttpStatusCode.NotFound);
        await ArtifactRequests.ErrorAsync(await anonymous.GetAsync($"/artifactory/api/pypi/{key}/simple/private-thing/"), HttpStatusCode.Unauthorized);
        await ArtifactRequests.ErrorAsync(await strangerClient.GetAsync($"/artifactory/api/pypi/{key}/simple/private-thing/"), HttpStatusCode.Forbidden);
        await ArtifactRequests.ErrorAsync(await Admin.GetAsync($"/artifactory/api/pypi/{key}/packages/private-thing/1.0/..%2F..%2Fx.whl"), HttpStatusCode.NotFound);
        await ArtifactRequests.ErrorAsync(await Admin.GetAsync($"/artifactory/api/pypi/{key}/packages/private-thing/2.0/private_thing-1.0-py3-none-any.whl"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ThroughTheGenericApi_RemovesTheFileFromTheIndex()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("short-lived", "1.0");
        await UploadAsync(key, wheel, ">=3.8");

        using HttpResponseMessage deleted = await Admin.DeleteAsync($"/artifactory/{key}/short-lived/1.0/{wheel.FileName}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ArtifactRequests.ErrorAsync(await Admin.GetAsync($"/artifactory/api/pypi/{key}/simple/short-lived/"), HttpStatusCode.NotFound);
    }

    private async Task UploadAsync(string key, PypiWheel wheel, string requiresPython)
    {
        using HttpResponseMessage response = await Admin.PostAsync($"/artifactory/api/pypi/{key}", wheel.UploadForm(new Dictionary<string, string?> { ["requires_python"] = requiresPython }));
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
    }
}
