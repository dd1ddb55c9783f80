using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Api;
using System.Text.RegularExpressions;

namespace Registry.Tests.WebConsole;

/// <summary>The lists shown whole (tokens, users, protection rules, quotas) say how many rows they hold, like the paged ones.</summary>
public sealed partial class ConsoleListTotalTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Theory]
    [InlineData("/ui/tokens", "tokens?")]
    [InlineData("/ui/admin/users", "users?")]
    [InlineData("/ui/protection", "rules?")]
    [InlineData("/ui/admin/quotas", "quotas?")]
    public async Task AWholeList_ShowsItsTotal(string path, string noun)
    {
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        string name = "totals" + Guid.NewGuid().ToString("N")[..12];
        await ExpectSuccessAsync(await admin.PostAsJsonAsync("/api/v1/tokens", new { name, namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresInDays = 1 }));
        await ExpectSuccessAsync(await admin.PostAsJsonAsync("/api/v1/protection-rules", new { @namespace = name, pattern = "v.*", kind = "immutable" }));
        await ExpectSuccessAsync(await admin.PutAsJsonAsync($"/api/v1/namespaces/{name}/quota", new { bytes = 1_000_000 }));
        ConsoleClient console = await fixture.SignedInAsync("admin");
        (HttpStatusCode status, string html) = await console.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Match total = Total().Match(html);
        Assert.True(total.Success, $"no total in {path}");
        Assert.Matches($"^{noun}$", total.Groups["noun"].Value);
    }

    private static async Task ExpectSuccessAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex(@"<span class=""total"">(?<count>[\d,]+) (?<noun>\w+)")]
    private static partial Regex Total();
}
