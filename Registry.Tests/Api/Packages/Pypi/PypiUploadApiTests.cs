using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Pypi;

/// <summary>
/// Twine's upload (<c>POST /artifactory/api/pypi/{key}</c>) into a local PyPI repository: stored under
/// <c>{project}/{version}/{file}</c> with its properties, who may upload, and every bad form refused with nothing stored.
/// </summary>
public sealed class PypiUploadApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task Upload_StoresTheWheelInItsVersionFolder_WithItsMetadataAsProperties()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("Demo_Lib", "1.0.0-RC1");

        using HttpResponseMessage response = await Admin.PostAsync($"/artifactory/api/pypi/{key}", wheel.UploadForm(new Dictionary<string, string?> { ["requires_dist"] = "requests>=2" }));

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("Demo_Lib-1.0.0_RC1-py3-none-any.whl", wheel.FileName);
        JsonElement stored = await Admin.GetJsonAsync($"/artifactory/api/storage/{key}/demo-lib/1.0.0rc1/{wheel.FileName}?properties");
        JsonElement properties = stored.GetProperty("properties");
        Assert.Equal("Demo_Lib", properties.GetProperty("pypi.name")[0].GetString());
        Assert.Equal("1.0.0rc1", properties.GetProperty("pypi.version")[0].GetString());
        Assert.Equal(">=3.8", properties.GetProperty("pypi.requires_python")[0].GetString());
        Assert.Equal("requests>=2", properties.GetProperty("pypi.requires_dist")[0].GetString());
        Assert.Equal(wheel.Bytes, await Admin.GetByteArrayAsync($"/artifactory/{key}/demo-lib/1.0.0rc1/{wheel.FileName}"));
    }

    [Fact]
    public async Task Upload_OfAnExistingFile_Is409FileAlreadyExists_UnlessRedeployIsAllowed()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        string redeploy = await Admin.CreateArtifactRepositoryAsync("pypi", allowRedeploy: true);
        PypiWheel wheel = PypiWheel.Build("again", "2.0");
        await OciAssert.SuccessAsync(await Admin.PostAsync($"/artifactory/api/pypi/{key}", wheel.UploadForm()), HttpStatusCode.OK);
        await OciAssert.SuccessAsync(await Admin.PostAsync($"/artifactory/api/pypi/{redeploy}", wheel.UploadForm()), HttpStatusCode.OK);

        using HttpResponseMessage second = await Admin.PostAsync($"/artifactory/api/pypi/{key}", wheel.UploadForm());
        using HttpResponseMessage replaced = await Admin.PostAsync($"/artifactory/api/pypi/{redeploy}", wheel.UploadForm());

        Assert.StartsWith("File already exists", await ArtifactRequests.ErrorAsync(second, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }

    [Fact]
    public async Task Upload_NeedsTheDeveloperRole_AndTakesACiTokenAsTwinesTokenPassword()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        string reader = await registry.CreateUserAsync(("namespace", key, "reader"));
        CreatedCiToken token = await registry.CreateCiTokenAsync([key], ["push"]);
        using HttpClient anonymous = registry.Anonymous();
        using HttpClient readerClient = registry.Basic(reader, AuthRegistry.Password);
        using HttpClient twine = registry.Basic("__token__", token.Secret);

        using HttpResponseMessage byAnonymous = await anonymous.PostAsync($"/artifactory/api/pypi/{key}", PypiWheel.Build("a", "1").UploadForm());
        using HttpResponseMessage byReader = await readerClient.PostAsync($"/artifactory/api/pypi/{key}", PypiWheel.Build("a", "1").UploadForm());
        using HttpResponseMessage byToken = await twine.PostAsync($"/artifactory/api/pypi/{key}", PypiWheel.Build("a", "1").UploadForm());

        await ArtifactRequests.ErrorAsync(byAnonymous, HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", byAnonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await ArtifactRequests.ErrorAsync(byReader, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
    }

    public static TheoryData<string, string> BadForms => new()
    {
        { "digest", "SHA-256" },
        { "md5", "MD5" },
        { "other-project", "belongs to project 'other'" },
        { "bad-version", "invalid value for version" },
        { "version-mismatch", "but the upload says version" },
        { "traversal", "not a distribution file name" },
        { "encoded-traversal", "not a distribution file name" },
        { "bad-name", "invalid value for name" },
        { "long-summary", "'summary'" },
        { "huge-field", "longer than" },
        { "filetype", "filetype" },
        { "sdist-as-wheel", "is not a sdist file" },
        { "no-digest", "at least one message digest" },
        { "action", "':action'" },
        { "no-content", "no file" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task Upload_RefusesABadForm_With400_AndStoresNothing(string defect, string message)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("good-pkg", "1.0");
        PypiWheel other = PypiWheel.Build("other", "1.0");
        HttpContent form = defect switch
        {
            "digest" => wheel.UploadForm(new Dictionary<string, string?> { ["sha256_digest"] = new string('a', 64) }),
            "md5" => wheel.UploadForm(new Dictionary<string, string?> { ["md5_digest"] = new string('b', 32) }),
            "other-project" => wheel.UploadForm(fileName: other.FileName, bytes: other.Bytes),
            "bad-version" => wheel.UploadForm(new Dictionary<string, string?> { ["version"] = "1.0-final-final" }),
            "version-mismatch" => wheel.UploadForm(new Dictionary<string, string?> { ["version"] = "1.1" }),
            "traversal" => wheel.UploadForm(fileName: "../../good_pkg-1.0-py3-none-any.whl"),
            "encoded-traversal" => wheel.UploadForm(fileName: "..%2Fgood_pkg-1.0-py3-none-any.whl"),
            "bad-name" => wheel.UploadForm(new Dictionary<string, string?> { ["name"] = "-good pkg" }),
            "long-summary" => wheel.UploadForm(new Dictionary<string, string?> { ["summary"] = new string('s', 513) }),
            "huge-field" => wheel.UploadForm(new Dictionary<string, string?> { ["description"] = new string('d', 300 * 1024) }),
            "filetype" => wheel.UploadForm(new Dictionary<string, string?> { ["filetype"] = "bdist_egg" }),
            "sdist-as-wheel" => wheel.UploadForm(new Dictionary<string, string?> { ["filetype"] = "sdist" }),
            "no-digest" => wheel.UploadForm(new Dictionary<string, string?> { ["sha256_digest"] = null, ["md5_digest"] = null }),
            "action" => wheel.UploadForm(new Dictionary<string, string?> { [":action"] = "submit" }),
            _ => new MultipartFormDataContent { { new StringContent("file_upload"), ":action" }, { new StringContent("good-pkg"), "name" } },
        };

        using HttpResponseMessage response = await Admin.PostAsync($"/artifactory/api/pypi/{key}", form);

        Assert.Contains(message, await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        JsonElement root = await Admin.GetJsonAsync($"/artifactory/api/storage/{key}");
        Assert.Empty(root.GetProperty("children").EnumerateArray());
        using HttpResponseMessage page = await Admin.GetAsync($"/artifactory/api/pypi/{key}/simple/good-pkg/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Upload_WithoutAMultipartForm_Is400()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        using var body = new ByteArrayContent([1, 2, 3]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using HttpResponseMessage response = await Admin.PostAsync($"/artifactory/api/pypi/{key}", body);

        Assert.Contains("multipart/form-data", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainDeploy_IntoAPypiRepository_IsRefused()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("plain", "1.0");

        using HttpResponseMessage response = await Admin.DeployAsync($"/artifactory/{key}/plain/1.0/{wheel.FileName}", wheel.Bytes);

        Assert.Contains($"api/pypi/{key}", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.MethodNotAllowed), StringComparison.Ordinal);
        _ = await Admin.GetFromJsonAsync<JsonElement>($"/artifactory/api/storage/{key}");
    }
}
