using System.Net;
using System.Text.RegularExpressions;
using Registry.Tests.Api;

namespace Registry.Tests.WebConsole;

/// <summary>The overview's totals: the registry's for whoever may pull everything, only their own for a reader of some namespaces.</summary>
public sealed class ConsoleOverviewTotalsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task AReaderOfOneNamespace_SeesTheTotalsOfItsRepositoriesOnly()
    {
        string ns = Names.Unique("mine").Split('/')[0];
        string reader = "reader-" + ns;
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await new ManagementClient(admin).CreateUserWithRoleAsync(reader, ConsoleFixture.Password, "reader", ns, CancellationToken.None);
        await admin.PushImageAsync($"{ns}/one", "1.0.0");
        PushedManifest two = await admin.PushImageAsync($"{ns}/two", "1.0.0");
        await admin.PushManifestAsync($"{ns}/two", two.Content, two.MediaType, "latest");
        await admin.PushImageAsync(Names.Unique("elsewhere"), "1.0.0");
        await admin.PushImageAsync(Names.Unique("elsewhere"), "2.0.0");
        ConsoleClient readerConsole = fixture.NewConsole();
        Assert.Equal(HttpStatusCode.Redirect, await readerConsole.SignInAsync(reader, ConsoleFixture.Password));
        ConsoleClient adminConsole = await fixture.SignedInAsync("admin");

        (HttpStatusCode status, string html) = await readerConsole.GetAsync("/ui");
        (_, string adminHtml) = await adminConsole.GetAsync("/ui");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", Card(html, "Repositories"));
        Assert.Equal("3", Card(html, "Tags"));
        Assert.Equal("2", Card(html, "Manifests"));
        Assert.Contains("Totals of the repositories you may pull.", html);
        Assert.Null(Card(html, "Reclaimable"));
        Assert.True(long.Parse(Card(adminHtml, "Repositories")!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) >= 4);
        Assert.NotNull(Card(adminHtml, "Reclaimable"));
        Assert.DoesNotContain("Totals of the repositories you may pull.", adminHtml);
    }

    private static string? Card(string html, string label)
        => Regex.Match(html, $"<div class=\"label\">{label}</div><div class=\"value\">([^<]*)</div>") is { Success: true } match ? match.Groups[1].Value : null;
}
