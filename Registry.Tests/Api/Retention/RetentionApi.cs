using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Retention;

/// <summary>The management calls the retention tests make.</summary>
internal static class RetentionApi
{
    public const string Policies = "/api/v1/retention/policies";

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, object policy) => client.PostAsJsonAsync(Policies, policy);

    /// <summary>Creates a policy and returns it; asserts 201.</summary>
    public static async Task<JsonElement> CreatePolicyAsync(HttpClient client, object policy)
    {
        using HttpResponseMessage response = await CreateAsync(client, policy);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        return await JsonAsync(response);
    }

    /// <summary>POST .../dry-run or .../run and the run it answers with; asserts 200.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, string policy, bool dryRun)
    {
        using HttpResponseMessage response = await client.PostAsync($"{Policies}/{policy}/{(dryRun ? "dry-run" : "run")}", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await JsonAsync(response);
    }

    /// <summary>GET with the client; asserts 200.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using HttpResponseMessage response = await client.GetAsync(url);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>The named list of a run's details, each item as "repository item" text, in order.</summary>
    public static List<string> Items(JsonElement run, string list, string field)
        => [.. run.GetProperty("details").GetProperty(list).EnumerateArray().Select(e => e.GetProperty("repository").GetString() + " " + e.GetProperty(field).GetString())];

    /// <summary>The repository's tags, as <c>/v2/.../tags/list</c> lists them.</summary>
    public static async Task<List<string>> TagsAsync(HttpClient client, string repository)
    {
        JsonElement list = await GetAsync(client, $"/v2/{repository}/tags/list");
        return list.GetProperty("tags").ValueKind == JsonValueKind.Null ? [] : [.. list.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }
}
