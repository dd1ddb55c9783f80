using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Core.Artifacts;
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

    public static async Task<List<string>> VersionsAsync(this HttpClient client, string key, string lowerId)
    {
        JsonElement list = await client.GetJsonAsync($"{Feed(key)}/flatcontainer/{lowerId}/index.json");
        return [.. list.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!)];
    }
}
