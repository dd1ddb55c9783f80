using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The artifact API as CI scripts drive it: real curl against the registry process, with the requests exactly as
/// curl sends them (dot segments included), for deploys, checksum policy, deploy by checksum, downloads and ranges,
/// storage info and properties, searches, deletes, traversal attempts and credentials.
/// </summary>
[Collection(ArtifactCurlCollection.Name)]
public sealed class ArtifactCurlTests(CurlClient curl, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-curl-artifacts-")
{
    private const string Repo = "ci-files";

    private string Admin => $"admin:{Registry.AdminPassword}";

    private string Url(string path) => $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/{path}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Repo, "generic", CancellationToken.None);
    }

    private string WriteFile(string name, byte[] content)
    {
        string path = Work.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertStatus(int expected, CurlResponse response) => Assert.True(expected == response.Status, $"expected {expected}, got {response}");

    [EndToEndFact]
    public async Task Upload_WithChecksumsAndMatrixProperties_ThenDownloadRangeInfoPropertiesAndSearch()
    {
        byte[] content = RandomNumberGenerator.GetBytes(200_000);
        string file = WriteFile("app.tar.gz", content);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        string sha1 = Convert.ToHexStringLower(SHA1.HashData(content));

        CurlResponse deployed = await curl.RequestAsync("-u", Admin, "-T", file, "-H", $"X-Checksum-Sha256: {sha256}", "-H", $"X-Checksum-Sha1: {sha1}",
            Url($"{Repo}/app/1.0/app.tar.gz;build.number=42;vcs.revision=abc"));
        AssertStatus(201, deployed);
        using (JsonDocument json = JsonDocument.Parse(deployed.Text))
        {
            Assert.Equal(sha256, json.RootElement.GetProperty("checksums").GetProperty("sha256").GetString());
            Assert.Equal(Url($"{Repo}/app/1.0/app.tar.gz"), json.RootElement.GetProperty("downloadUri").GetString());
        }

        CurlResponse range = await curl.RequestAsync("-u", Admin, "-r", "1000-1999", Url($"{Repo}/app/1.0/app.tar.gz"));
        AssertStatus(206, range);
        Assert.Equal(content[1000..2000], range.Body);
        Assert.Equal("bytes 1000-1999/200000", range.Header("Content-Range"));

        CurlResponse head = await curl.RequestAsync("-u", Admin, "-I", Url($"{Repo}/app/1.0/app.tar.gz"));
        AssertStatus(200, head);
        Assert.Equal(sha256, head.Header("X-Checksum-Sha256"));
        Assert.Equal(sha1, head.Header("X-Checksum-Sha1"));
        Assert.Equal("200000", head.Header("Content-Length"));
        Assert.NotNull(head.Header("Last-Modified"));
        Assert.Equal($"\"{sha1}\"", head.Header("ETag"));

        CurlResponse full = await curl.RequestAsync("-u", Admin, Url($"{Repo}/app/1.0/app.tar.gz"));
        Assert.Equal(content, full.Body);

        CurlResponse info = await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}/app/1.0/app.tar.gz"));
        AssertStatus(200, info);
        Assert.Contains("\"size\":\"200000\"", info.Text);
        CurlResponse folder = await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}/app"));
        Assert.Contains("{\"uri\":\"/1.0\",\"folder\":true}", folder.Text);

        CurlResponse setProperties = await curl.RequestAsync("-u", Admin, "-X", "PUT", Url($"api/storage/{Repo}/app/1.0/app.tar.gz?properties=qa=passed%7Cos=linux,mac"));
        AssertStatus(204, setProperties);
        CurlResponse properties = await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}/app/1.0/app.tar.gz?properties"));
        using (JsonDocument json = JsonDocument.Parse(properties.Text))
        {
            JsonElement values = json.RootElement.GetProperty("properties");
            Assert.Equal(["build.number", "os", "qa", "vcs.revision"], values.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(["linux", "mac"], values.GetProperty("os").EnumerateArray().Select(v => v.GetString()));
        }

        AssertStatus(204, await curl.RequestAsync("-u", Admin, "-X", "DELETE", Url($"api/storage/{Repo}/app/1.0/app.tar.gz?properties=os")));
        Assert.DoesNotContain("\"os\"", (await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}/app/1.0/app.tar.gz?properties"))).Text);

        string expected = Url($"api/storage/{Repo}/app/1.0/app.tar.gz");
        Assert.Contains(expected, (await curl.RequestAsync("-u", Admin, Url($"api/search/checksum?sha256={sha256}"))).Text);
        Assert.Contains(expected, (await curl.RequestAsync("-u", Admin, Url($"api/search/artifact?name=app*.gz&repos={Repo}"))).Text);
        Assert.Contains(expected, (await curl.RequestAsync("-u", Admin, Url($"api/search/prop?build.number=42&repos={Repo}"))).Text);
        Assert.DoesNotContain(expected, (await curl.RequestAsync("-u", Admin, Url($"api/search/prop?build.number=41"))).Text);
    }

    [EndToEndFact]
    public async Task ChecksumMismatch_Is409AndStoresNothing_AndDeployByChecksumHitsAndMisses()
    {
        byte[] content = RandomNumberGenerator.GetBytes(10_000);
        string file = WriteFile("lib.jar", content);
        int blobsBefore = Registry.StoredBlobDigests().Count;

        CurlResponse mismatch = await curl.RequestAsync("-u", Admin, "-T", file, "-H", $"X-Checksum-Md5: {new string('0', 32)}", Url($"{Repo}/libs/lib.jar"));
        AssertStatus(409, mismatch);
        Assert.Contains("Checksum mismatch", mismatch.Text);
        AssertStatus(404, await curl.RequestAsync("-u", Admin, Url($"{Repo}/libs/lib.jar")));
        Assert.Equal(blobsBefore, Registry.StoredBlobDigests().Count);

        AssertStatus(201, await curl.RequestAsync("-u", Admin, "-T", file, Url($"{Repo}/libs/lib.jar")));
        string sha1 = Convert.ToHexStringLower(SHA1.HashData(content));
        CurlResponse hit = await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "X-Checksum-Deploy: true", "-H", $"X-Checksum-Sha1: {sha1}", Url($"{Repo}/copies/lib.jar"));
        AssertStatus(201, hit);
        Assert.Equal(content, (await curl.RequestAsync("-u", Admin, Url($"{Repo}/copies/lib.jar"))).Body);
        Assert.Equal(blobsBefore + 1, Registry.StoredBlobDigests().Count);

        CurlResponse miss = await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "X-Checksum-Deploy: true", "-H", $"X-Checksum-Sha1: {new string('a', 40)}", Url($"{Repo}/copies/none.jar"));
        AssertStatus(404, miss);
        Assert.Contains("Checksum deploy failed", miss.Text);
    }

    [EndToEndFact]
    public async Task ASecondPutOfAFile_Is409InARepositoryThatDoesNotAllowRedeploy_AndTheFirstContentStays()
    {
        string first = WriteFile("first.txt", [1, 1, 1]);
        string second = WriteFile("second.txt", [2, 2, 2, 2]);
        AssertStatus(201, await curl.RequestAsync("-u", Admin, "-T", first, Url($"{Repo}/fixed/file.txt")));

        CurlResponse again = await curl.RequestAsync("-u", Admin, "-T", second, Url($"{Repo}/fixed/file.txt"));

        AssertStatus(409, again);
        using (JsonDocument json = JsonDocument.Parse(again.Text))
        {
            JsonElement error = json.RootElement.GetProperty("errors")[0];
            Assert.Equal(409, error.GetProperty("status").GetInt32());
            Assert.Contains("cannot be overwritten unless the repository allows redeploy", error.GetProperty("message").GetString());
        }

        Assert.Equal([1, 1, 1], (await curl.RequestAsync("-u", Admin, Url($"{Repo}/fixed/file.txt"))).Body);
        AssertStatus(204, await curl.RequestAsync("-u", Admin, "-X", "DELETE", Url($"{Repo}/fixed/file.txt")));
        AssertStatus(201, await curl.RequestAsync("-u", Admin, "-T", second, Url($"{Repo}/fixed/file.txt")));
    }

    [EndToEndFact]
    public async Task TraversalAttempts_AreRefusedWith400AndAClearMessage()
    {
        string file = WriteFile("x.txt", [1, 2, 3]);
        foreach ((string path, string reason) in new[]
        {
            ("a/../../etc/passwd", "traversal"),
            ("a/%2e%2e/%2e%2e/etc/passwd", "traversal"),
            ("%2E%2E/x.txt", "traversal"),
            ("a/./x.txt", "traversal"),
            ("a%2f..%2fx.txt", "encoded slashes"),
            ("a/..%5cx.txt", "backslashes"),
            ("a\\..\\x.txt", "backslashes"),
            ("/etc/passwd", "absolute"),
        })
        {
            CurlResponse response = await curl.RequestAsync("-u", Admin, "-T", file, Url($"{Repo}/{path}"));
            AssertStatus(400, response);
            Assert.Contains(reason, response.Text);
            CurlResponse read = await curl.RequestAsync("-u", Admin, Url($"{Repo}/{path}"));
            AssertStatus(400, read);
        }

        Assert.Contains("\"children\":[]", (await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}"))).Text);
    }

    [EndToEndFact]
    public async Task Anonymous_IsChallengedWithBasic_CiTokenCanDeploy_AndDeletesRemoveFilesAndFolders()
    {
        string file = WriteFile("r.txt", [7, 7, 7]);
        CurlResponse anonymous = await curl.RequestAsync("-T", file, Url($"{Repo}/r/r.txt"));
        AssertStatus(401, anonymous);
        Assert.StartsWith("Basic realm=", anonymous.Header("WWW-Authenticate"));

        using HttpClient http = Registry.CreateClient();
        var management = new ManagementClient(http);
        (_, string secret) = await management.CreateCiTokenAsync("ci-artifacts", [Repo], ["pull", "push"], expiresInDays: 1, CancellationToken.None);
        AssertStatus(201, await curl.RequestAsync("-u", $"ci-artifacts:{secret}", "-T", file, Url($"{Repo}/r/r.txt")));
        AssertStatus(201, await curl.RequestAsync("-u", $"ci-artifacts:{secret}", "-T", file, Url($"{Repo}/r/sub/s.txt")));
        CurlResponse denied = await curl.RequestAsync("-u", $"ci-artifacts:{secret}", "-X", "DELETE", Url($"{Repo}/r/r.txt"));
        AssertStatus(403, denied);

        AssertStatus(204, await curl.RequestAsync("-u", Admin, "-X", "DELETE", Url($"{Repo}/r/r.txt")));
        AssertStatus(404, await curl.RequestAsync("-u", Admin, Url($"{Repo}/r/r.txt")));
        AssertStatus(204, await curl.RequestAsync("-u", Admin, "-X", "DELETE", Url($"{Repo}/r")));
        AssertStatus(404, await curl.RequestAsync("-u", Admin, Url($"api/storage/{Repo}/r/sub/s.txt")));
        AssertStatus(404, await curl.RequestAsync("-u", Admin, "-X", "DELETE", Url($"{Repo}/r")));
    }

    [EndToEndFact]
    public async Task RepositoryAndRetention_AreManagedWithCurl_DryRunListsWhatTheRunDeletes()
    {
        string api = $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/api/v1/artifact-repositories";
        AssertStatus(201, await curl.RequestAsync("-u", Admin, "-H", "Content-Type: application/json", "-d", "{\"key\":\"nightly\",\"type\":\"generic\"}", api));
        string file = WriteFile("n.bin", [1, 2, 3, 4]);
        foreach (string build in new[] { "1.0.0", "1.1.0", "1.2.0" })
        {
            AssertStatus(201, await curl.RequestAsync("-u", Admin, "-T", file, Url($"nightly/app/{build}/app.bin")));
        }

        AssertStatus(200, await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "Content-Type: application/json",
            "-d", "{\"rules\":[{\"kind\":\"highest-versions\",\"count\":1}],\"keepProperties\":[\"pinned\"]}", $"{api}/nightly/retention"));
        AssertStatus(204, await curl.RequestAsync("-u", Admin, "-X", "PUT", Url("api/storage/nightly/app/1.0.0?properties=pinned=yes")));

        CurlResponse dry = await curl.RequestAsync("-u", Admin, "-X", "POST", $"{api}/nightly/retention/dry-run");
        AssertStatus(200, dry);
        Assert.Contains("\"versionsDeleted\":1", dry.Text);
        AssertStatus(200, await curl.RequestAsync("-u", Admin, Url("nightly/app/1.1.0/app.bin")));

        CurlResponse run = await curl.RequestAsync("-u", Admin, "-X", "POST", $"{api}/nightly/retention/run");
        AssertStatus(200, run);
        AssertStatus(404, await curl.RequestAsync("-u", Admin, Url("nightly/app/1.1.0/app.bin")));
        AssertStatus(200, await curl.RequestAsync("-u", Admin, Url("nightly/app/1.0.0/app.bin")));
        AssertStatus(200, await curl.RequestAsync("-u", Admin, Url("nightly/app/1.2.0/app.bin")));

        CurlResponse history = await curl.RequestAsync("-u", Admin, $"{api}/nightly/retention/runs");
        AssertStatus(200, history);
        using JsonDocument runs = JsonDocument.Parse(history.Text);
        Assert.Equal([(false, 1, "manual"), (true, 1, "manual")], runs.RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => (r.GetProperty("dryRun").GetBoolean(), r.GetProperty("versionsDeleted").GetInt32(), r.GetProperty("trigger").GetString())));
    }
}
