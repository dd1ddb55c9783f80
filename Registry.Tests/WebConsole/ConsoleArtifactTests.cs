using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Tests.WebConsole;

/// <summary>Browsing artifact repositories in the console: the tree, a file's checksums and properties, and its download.</summary>
public sealed class ConsoleArtifactTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("the artifact's bytes\n");

    private async Task<string> DeployAsync()
    {
        string key = "team-files";
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage exists = await admin.GetAsync($"/api/v1/artifact-repositories/{key}");
        if (exists.StatusCode == HttpStatusCode.NotFound)
        {
            using HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type = "generic", allowRedeploy = true });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using HttpResponseMessage put = await admin.PutAsync($"/artifactory/{key}/app/1.0/app.txt;build.number=42", new ByteArrayContent(Content));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return key;
    }

    [Fact]
    public async Task Tree_BrowsesToAFile_WithChecksumsAndProperties()
    {
        string key = await DeployAsync();
        ConsoleClient console = await fixture.SignedInAsync("admin");

        (_, string root) = await console.GetAsync($"/ui/artifacts?repository={key}");
        (_, string folder) = await console.GetAsync($"/ui/artifacts?repository={key}&path=app%2F1.0");
        (HttpStatusCode status, string file) = await console.GetAsync($"/ui/artifacts?repository={key}&path=app%2F1.0%2Fapp.txt");

        Assert.Contains(">app/<", root);
        Assert.Contains(">app.txt<", folder);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Content)), file);
        Assert.Contains(Convert.ToHexStringLower(SHA1.HashData(Content)), file);
        Assert.Contains(Convert.ToHexStringLower(MD5.HashData(Content)), file);
        Assert.Contains("build.number", file);
    }

    [Fact]
    public async Task Download_ServesTheBytes_ToUsersWhoMayRead_AndNobodyElse()
    {
        string key = await DeployAsync();
        ConsoleClient admin = await fixture.SignedInAsync("admin");
        ConsoleClient reader = await fixture.SignedInAsync("reader");
        string url = $"/ui/artifacts/download?repository={key}&path=app%2F1.0%2Fapp.txt";

        using HttpResponseMessage download = await admin.Http.GetAsync(url);
        using HttpResponseMessage refused = await reader.Http.GetAsync(url);
        using HttpResponseMessage anonymous = await fixture.NewConsole().Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        (_, string list) = await reader.GetAsync("/ui/artifacts");
        Assert.DoesNotContain(key, list);
    }
}
