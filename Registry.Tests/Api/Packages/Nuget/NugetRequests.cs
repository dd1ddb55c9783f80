using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Packages.Nuget;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Nuget;

/// <summary>Request shortcuts of the NuGet API tests: the feed's URLs, a push as <c>dotnet nuget push</c> sends it, listing a version folder.</summary>
internal static class NugetRequests
{
    public static string Feed(string key) => $"/artifactory/api/nuget/v3/{key}";

    public static async Task<HttpResponseMessage> PushAsync(this HttpClient client, string key, byte[] package, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Feed(key) + "/") { Content = NugetPackageBuilder.Form(package) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-NuGet-ApiKey", apiKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task PushOkAsync(this HttpClient client, string key, byte[] package)
    {
        using HttpResponseMessage response = await client.PushAsync(key, package);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
    }

    /// <summary>The paths of every file the repository holds, sorted (read from the store).</summary>
    public static async Task<List<string>> FilesAsync(this AuthRegistry registry, string key)
        => [.. (await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None)).Select(f => f.Path).Order(StringComparer.Ordinal)];

    /// <summary>Whether the blob store holds these bytes (by their SHA-256 digest).</summary>
    public static async Task<bool> HasBlobAsync(this AuthRegistry registry, byte[] content)
        => await registry.Service<IBlobStore>().StatAsync(Digest.Parse("sha256:" + ArtifactRequests.Sha256(content)), CancellationToken.None) is not null;

    /// <summary>The push spool files left on disk (none once every push has ended).</summary>
    public static string[] SpoolFiles(this AuthRegistry registry)
    {
        string root = registry.Service<NugetPushSpools>().Root;
        return Directory.Exists(root) ? Directory.GetFiles(root) : [];
    }

    public static async Task<List<string>> VersionsAsync(this HttpClient client, string key, string lowerId)
    {
        JsonElement list = await client.GetJsonAsync($"{Feed(key)}/flatcontainer/{lowerId}/index.json");
        return [.. list.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!)];
    }
}
