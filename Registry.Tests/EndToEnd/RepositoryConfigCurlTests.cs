using System.Text.Json;
using Microsoft.Data.Sqlite;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Artifactory's repository configuration API as provisioning scripts drive it with curl against the registry
/// process: create a remote with a password (shown only as <c>hasPassword</c>, stored encrypted: the database file
/// holds no clear text), update it, list with filters, and a member that cannot be deleted while a virtual uses it.
/// </summary>
[Collection(ArtifactCurlCollection.Name)]
public sealed class RepositoryConfigCurlTests(CurlClient curl, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-curl-repository-config-")
{
    private const string Password = "Upstream-Pa55word-1b7e";

    private string Admin => $"admin:{Registry.AdminPassword}";

    private string Url(string path) => $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/{path}";

    private Task<CurlResponse> SendAsync(string method, string path, string? json = null)
        => json is null
            ? curl.RequestAsync("-u", Admin, "-X", method, Url(path))
            : curl.RequestAsync("-u", Admin, "-X", method, "-H", "Content-Type: application/json", "--data-binary", json, Url(path));

    private static void AssertStatus(int expected, CurlResponse response) => Assert.True(expected == response.Status, $"expected {expected}, got {response}");

    [EndToEndFact]
    public async Task ARemoteWithAPassword_IsCreatedShownUpdatedListedAndKeptWhileAVirtualUsesIt()
    {
        CurlResponse created = await SendAsync("PUT", "api/repositories/central-cache",
            $$"""{"key":"central-cache","rclass":"remote","packageType":"maven","url":"https://repo.maven.apache.org/maven2/","username":"bot","password":"{{Password}}","notes":"ignored"}""");
        AssertStatus(200, created);
        Assert.Equal("Successfully created repository 'central-cache'", created.Text);
        Assert.StartsWith("text/plain", created.Header("Content-Type"), StringComparison.Ordinal);

        CurlResponse shown = await SendAsync("GET", "api/repositories/central-cache");
        AssertStatus(200, shown);
        Assert.DoesNotContain(Password, shown.Text, StringComparison.Ordinal);
        using (JsonDocument config = JsonDocument.Parse(shown.Text))
        {
            JsonElement root = config.RootElement;
            Assert.Equal(("remote", "maven", "bot", true), (root.GetProperty("rclass").GetString(), root.GetProperty("packageType").GetString(),
                root.GetProperty("username").GetString(), root.GetProperty("hasPassword").GetBoolean()));
            Assert.False(root.TryGetProperty("password", out _));
            Assert.Equal(300, root.GetProperty("retrievalCachePeriodSecs").GetInt32());
        }

        Assert.Empty(StoredSettingsHolding(Password));
        Assert.NotEmpty(StoredSettingsHolding("https://repo.maven.apache.org/maven2/"));

        CurlResponse updated = await SendAsync("POST", "api/repositories/central-cache", """{"offline":true,"retrievalCachePeriodSecs":900}""");
        AssertStatus(200, updated);
        Assert.Equal("Repository central-cache update successfully.", updated.Text);
        using (JsonDocument config = JsonDocument.Parse((await SendAsync("GET", "api/repositories/central-cache")).Text))
        {
            Assert.Equal((true, 900, true), (config.RootElement.GetProperty("offline").GetBoolean(),
                config.RootElement.GetProperty("retrievalCachePeriodSecs").GetInt32(), config.RootElement.GetProperty("hasPassword").GetBoolean()));
        }

        CurlResponse wrongType = await SendAsync("POST", "api/repositories/central-cache", """{"offline":"yes"}""");
        AssertStatus(400, wrongType);
        Assert.Contains("\"errors\":[{\"status\":400,\"message\":\"'offline' must be true or false\"}]", wrongType.Text, StringComparison.Ordinal);
        CurlResponse badUrl = await SendAsync("PUT", "api/repositories/other", """{"rclass":"remote","packageType":"maven","url":"ftp://example.com/"}""");
        AssertStatus(400, badUrl);

        AssertStatus(200, await SendAsync("PUT", "api/repositories/libs-local", """{"rclass":"local","packageType":"maven"}"""));
        AssertStatus(200, await SendAsync("PUT", "api/repositories/maven-all",
            """{"rclass":"virtual","packageType":"maven","repositories":["libs-local","central-cache"],"defaultDeploymentRepo":"libs-local"}"""));

        CurlResponse remotes = await SendAsync("GET", "api/repositories?type=remote");
        using (JsonDocument list = JsonDocument.Parse(remotes.Text))
        {
            JsonElement only = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(("central-cache", "REMOTE", "maven", "https://repo.maven.apache.org/maven2/"), (only.GetProperty("key").GetString(),
                only.GetProperty("type").GetString(), only.GetProperty("packageType").GetString(), only.GetProperty("url").GetString()));
        }

        using (JsonDocument list = JsonDocument.Parse((await SendAsync("GET", "api/repositories?packageType=maven")).Text))
        {
            Assert.Equal(["central-cache", "libs-local", "maven-all"], list.RootElement.EnumerateArray().Select(e => e.GetProperty("key").GetString()).Order());
        }

        using (JsonDocument list = JsonDocument.Parse((await SendAsync("GET", "api/repositories?packageType=docker")).Text))
        {
            Assert.Empty(list.RootElement.EnumerateArray());
        }

        CurlResponse refused = await SendAsync("DELETE", "api/repositories/central-cache");
        AssertStatus(409, refused);
        Assert.Contains("member of virtual repository 'maven-all'", refused.Text, StringComparison.Ordinal);

        AssertStatus(200, await SendAsync("POST", "api/repositories/maven-all", """{"repositories":["libs-local"]}"""));
        CurlResponse deleted = await SendAsync("DELETE", "api/repositories/central-cache");
        AssertStatus(200, deleted);
        Assert.Equal("Repository 'central-cache' and all its content have been removed successfully.", deleted.Text);
        AssertStatus(404, await SendAsync("GET", "api/repositories/central-cache"));
    }

    /// <summary>The stored settings of artifact repositories that contain <paramref name="text"/>, read from the metadata store's file.</summary>
    private List<string> StoredSettingsHolding(string text)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Registry.DataPath, "registry.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT settings FROM artifact_repositories WHERE settings IS NOT NULL";
        var found = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string settings = reader.GetString(0);
            if (settings.Contains(text, StringComparison.Ordinal))
            {
                found.Add(settings);
            }
        }

        return found;
    }
}
