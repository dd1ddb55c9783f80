using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Events;

/// <summary>
/// Artifact changes go through one service too: a file deleted through <c>/artifactory</c> and one deleted by the
/// repository's retention policy write the same <c>artifact.delete</c> entry, and a <c>maven-metadata.xml</c> deployed by
/// a client and the one retention rewrites the same <c>artifact.deploy</c> entry; only the actor differs (the caller, or
/// <c>retention:artifacts/&lt;key&gt;</c>, which the rewritten file's <c>modifiedBy</c> names too). Repository, retention-policy and property changes keep
/// their audit entries. (Artifact changes have no webhook events.)
/// </summary>
public sealed class ArtifactChangeAnnouncementTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    public enum EntryPoint
    {
        Artifactory,
        Retention,
    }

    private const string Artifact = "org/acme/app";

    private HttpClient Admin => registry.Admin;

    [Theory]
    [InlineData(EntryPoint.Artifactory)]
    [InlineData(EntryPoint.Retention)]
    public async Task ArtifactDelete_IsAuditedAlike_FromTheArtifactApiAndRetention(EntryPoint via)
    {
        string repo = await MavenRepositoryAsync();
        string jar = $"{Artifact}/1.0.0/app-1.0.0.jar";

        string actor;
        if (via == EntryPoint.Artifactory)
        {
            using HttpResponseMessage deleted = await Admin.DeleteAsync($"/artifactory/{repo}/{jar}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            actor = "admin";
        }
        else
        {
            actor = await RunRetentionAsync(repo);
        }

        JsonElement entry = await SingleAuditAsync("artifact.delete", $"{repo}/{jar}", actor);
        Assert.Equal("1 file(s); 1 blob(s), 100 bytes no longer referenced (queued for garbage collection)", Text(entry, "detail"));
        Assert.Equal("true", Text(entry, "success"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/artifactory/{repo}/{jar}"));
    }

    [Theory]
    [InlineData(EntryPoint.Artifactory)]
    [InlineData(EntryPoint.Retention)]
    public async Task ArtifactDeploy_IsAuditedAlike_FromTheArtifactApiAndRetention(EntryPoint via)
    {
        string repo = await MavenRepositoryAsync();
        string metadata = $"{Artifact}/maven-metadata.xml";

        string actor;
        if (via == EntryPoint.Artifactory)
        {
            await Admin.DeployOkAsync($"/artifactory/{repo}/{metadata}", Encoding.UTF8.GetBytes(Metadata("2.0.0")));
            actor = "admin";
        }
        else
        {
            actor = await RunRetentionAsync(repo);
        }

        // Whoever wrote it, the entry names the content now stored.
        using HttpResponseMessage stored = await Admin.GetAsync($"/artifactory/{repo}/{metadata}");
        byte[] content = await stored.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("<version>1.0.0</version>", Encoding.UTF8.GetString(content));
        string detail = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))} {content.Length} bytes";
        JsonElement entry = await SingleAuditAsync("artifact.deploy", $"{repo}/{metadata}", actor, detail);
        Assert.Equal("true", Text(entry, "success"));
        JsonElement info = await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/{metadata}");
        Assert.Equal(actor, info.GetProperty("modifiedBy").GetString());
    }

    [Fact]
    public async Task RepositoryRetentionAndPropertyChanges_KeepTheirAuditEntries()
    {
        string repo = AuthRegistry.UniqueName("art");
        using (HttpResponseMessage created = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = repo, type = "maven" }))
        {
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        }

        using (HttpResponseMessage updated = await Admin.PatchAsJsonAsync($"/api/v1/artifact-repositories/{repo}", new { allowRedeploy = true }))
        {
            await OciAssert.SuccessAsync(updated, HttpStatusCode.OK);
        }

        await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/1.0.0/app-1.0.0.jar", Digests.RandomBytes(100));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Put, $"/artifactory/api/storage/{repo}/{Artifact}/1.0.0?properties=qa=passed|team=a,b"));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Delete, $"/artifactory/api/storage/{repo}/{Artifact}/1.0.0?properties=team"));
        using (HttpResponseMessage set = await Admin.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention",
            new { rules = new[] { new { kind = "highest-versions", count = 1 } }, schedule = "0 0 3 * * ?", enabled = false }))
        {
            await OciAssert.SuccessAsync(set, HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Delete, $"/api/v1/artifact-repositories/{repo}/retention"));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Delete, $"/api/v1/artifact-repositories/{repo}"));

        Assert.Equal("type=maven allowRedeploy=False", Text(await SingleAuditAsync("artifact-repository.create", repo, "admin"), "detail"));
        Assert.Equal("allowRedeploy=True", Text(await SingleAuditAsync("artifact-repository.update", repo, "admin"), "detail"));
        Assert.Equal("qa=passed|team=a,b", Text(await SingleAuditAsync("artifact.properties.set", $"{repo}/{Artifact}/1.0.0", "admin"), "detail"));
        Assert.Equal("team", Text(await SingleAuditAsync("artifact.properties.delete", $"{repo}/{Artifact}/1.0.0", "admin"), "detail"));
        Assert.EndsWith("; schedule 0 0 3 * * ? (disabled)", Text(await SingleAuditAsync("artifact-retention.set", repo, "admin"), "detail"), StringComparison.Ordinal);
        Assert.Null(Text(await SingleAuditAsync("artifact-retention.remove", repo, "admin"), "detail"));
        Assert.Equal("1 file(s); 1 blob(s), 100 bytes no longer referenced (queued for garbage collection)",
            Text(await SingleAuditAsync("artifact-repository.delete", repo, "admin"), "detail"));
    }

    /// <summary>A Maven repository with versions 1.0.0 and 2.0.0 of <see cref="Artifact"/> (a 100-byte jar and a pom each) and its metadata.</summary>
    private async Task<string> MavenRepositoryAsync()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        foreach (string version in new[] { "1.0.0", "2.0.0" })
        {
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.jar", Digests.RandomBytes(100));
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.pom", Digests.RandomBytes(10));
        }

        await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/maven-metadata.xml", Encoding.UTF8.GetBytes(Metadata("1.0.0", "2.0.0")));
        return repo;
    }

    /// <summary>Sets a policy keeping the highest version only and runs it; returns the actor it deletes as.</summary>
    private async Task<string> RunRetentionAsync(string repo)
    {
        using (HttpResponseMessage set = await Admin.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention",
            new { rules = new[] { new { kind = "highest-versions", count = 1 } } }))
        {
            await OciAssert.SuccessAsync(set, HttpStatusCode.OK);
        }

        using HttpResponseMessage run = await Admin.PostAsync($"/api/v1/artifact-repositories/{repo}/retention/run", null);
        await OciAssert.SuccessAsync(run, HttpStatusCode.OK);
        Assert.Equal(2, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("filesDeleted").GetInt32());
        return "retention:artifacts/" + repo;
    }

    private static string Metadata(params string[] versions) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata><groupId>org.acme</groupId><artifactId>app</artifactId><versioning><latest>{versions[^1]}</latest><release>{versions[^1]}</release>
        <versions>{string.Concat(versions.Select(v => $"<version>{v}</version>"))}</versions><lastUpdated>20260101000000</lastUpdated></versioning></metadata>
        """;

    private async Task<HttpStatusCode> StatusAsync(string url)
    {
        using HttpResponseMessage response = await Admin.GetAsync(url);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url);
        using HttpResponseMessage response = await Admin.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<JsonElement> SingleAuditAsync(string action, string target, string actor, string? detail = null)
    {
        List<JsonElement> entries = [.. (await registry.AuditAsync($"action={action}&target={Uri.EscapeDataString(target)}"))
            .Where(e => Text(e, "actor") == actor && (detail is null || Text(e, "detail") == detail))];
        return entries.Count == 1 ? entries[0] : throw new Xunit.Sdk.XunitException($"{entries.Count} {action} entries for {target} by {actor}: {string.Join(", ", entries.Select(e => e.GetRawText()))}");
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
