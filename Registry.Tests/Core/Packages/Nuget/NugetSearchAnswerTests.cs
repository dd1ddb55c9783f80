using System.Text;
using System.Text.Json.Nodes;
using Registry.Core.Packages.Nuget;

namespace Registry.Tests.Core.Packages.Nuget;

public sealed class NugetSearchAnswerTests
{
    private static NugetSearchPage? Parse(string json) => NugetSearchAnswer.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"totalHits":1}""")]
    [InlineData("""{"data":{}}""")]
    public void Parse_RefusesWhatIsNotASearchAnswer(string json) => Assert.Null(Parse(json));

    [Fact]
    public void Parse_KeepsValidEntriesAndVersions_AndTheirFields()
    {
        NugetSearchPage page = Parse("""
            {"totalHits":7,"data":[{"id":"Acme.Lib","description":"d","versions":[{"version":"2.0.0"},{"version":"1.0"},{"version":"x.y"},"1.5.0"]},
             {"id":"bad id!"},{"version":"1.0.0"},3]}
            """)!;

        Assert.Equal(7, page.TotalHits);
        NugetSearchHit hit = Assert.Single(page.Hits);
        Assert.Equal(("Acme.Lib", "acme.lib", "d"), (hit.Id, hit.LowerId, (string?)hit.Entry["description"]));
        Assert.Null(hit.Entry["versions"]);
        Assert.Equal(["1.0.0", "2.0.0"], hit.Versions.Select(v => v.Key.Normalized));
        Assert.Equal(1, Parse("""{"data":[{"id":"A"}]}""")!.TotalHits);
    }

    [Fact]
    public void Merge_KeepsMemberOrder_OneHitPerId_WithTheFirstsFieldsAndEveryVersion()
    {
        NugetSearchPage first = Parse("""{"totalHits":2,"data":[{"id":"B","description":"first","versions":[{"version":"1.0.0"}]},{"id":"A","versions":[]}]}""")!;
        NugetSearchPage second = Parse("""{"totalHits":5,"data":[{"id":"c","versions":[]},{"id":"b","description":"second","versions":[{"version":"2.0.0"},{"version":"1.0.0","downloads":9}]}]}""")!;

        NugetSearchPage merged = NugetSearchAnswer.Merge([first, second]);

        Assert.Equal(["B", "A", "c"], merged.Hits.Select(h => h.Id));
        Assert.Equal(6, merged.TotalHits);
        NugetSearchHit b = merged.Hits[0];
        Assert.Equal("first", (string?)b.Entry["description"]);
        Assert.Equal(["1.0.0", "2.0.0"], b.Versions.Select(v => v.Key.Normalized));
        Assert.Null(b.Versions.First().Value["downloads"]);
    }
}
