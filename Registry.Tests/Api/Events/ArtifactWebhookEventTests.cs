using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// Files of artifact repositories announce themselves to webhooks as every other change does: a deploy is
/// <c>artifact.deploy</c> (key, path, digest, size, download URL), a delete <c>artifact.delete</c> (key and path),
/// matched on the key as a namespace, and only to webhooks that want those actions.
/// </summary>
public sealed class ArtifactWebhookEventTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    [Fact]
    public async Task ADeployAndADelete_SendArtifactEvents_WithThePath()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string key = AuthRegistry.UniqueName("files");
        await registry.CreateWebhookAsync(receiver, key, new { actions = new[] { "artifact.deploy", "artifact.delete" } });
        using HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type = "generic" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        byte[] bytes = Encoding.UTF8.GetBytes("build output");
        using HttpResponseMessage deployed = await registry.Admin.PutAsync($"/artifactory/{key}/app/1.0/app 1.0.txt", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/artifactory/{key}/app/1.0");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        IReadOnlyList<JsonElement> events = [.. (await receiver.WaitForAcceptedAsync(r => r.Sum(w => w.Events().Count) >= 2, WebhookRegistry.Patience, "the artifact events"))
            .SelectMany(w => w.Events())];
        JsonElement deploy = Assert.Single(events, e => e.GetProperty("action").GetString() == "artifact.deploy");
        JsonElement target = deploy.GetProperty("target");
        Assert.Equal(key, target.GetProperty("repository").GetString());
        Assert.Equal("app/1.0/app 1.0.txt", target.GetProperty("path").GetString());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), target.GetProperty("digest").GetString());
        Assert.Equal(bytes.Length, target.GetProperty("size").GetInt64());
        Assert.Equal($"http://localhost/artifactory/{key}/app/1.0/app%201.0.txt", target.GetProperty("url").GetString());

        JsonElement delete = Assert.Single(events, e => e.GetProperty("action").GetString() == "artifact.delete");
        Assert.Equal("app/1.0", delete.GetProperty("target").GetProperty("path").GetString());
        Assert.False(delete.GetProperty("target").TryGetProperty("digest", out _));
    }
}
