using Registry.Core.Packages.Pypi;

namespace Registry.Tests.Core.Packages.Pypi;

/// <summary>PyPI's name, version and file name rules, and reading an upstream's simple index pages.</summary>
public sealed class PypiRulesTests
{
    [Theory]
    [InlineData("Friendly-Bard", "friendly-bard")]
    [InlineData("FRIENDLY_BARD", "friendly-bard")]
    [InlineData("friendly.bard", "friendly-bard")]
    [InlineData("Friendly-._.-Bard", "friendly-bard")]
    public void ProjectNames_NormalizeAsPep503Says(string name, string normalized)
    {
        Assert.True(PypiProjectName.IsValid(name));
        Assert.Equal(normalized, PypiProjectName.Normalize(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-lead")]
    [InlineData("trail.")]
    [InlineData("space name")]
    [InlineData("../up")]
    [InlineData("ünï")]
    public void ProjectNames_OutsidePep508_AreInvalid(string name) => Assert.False(PypiProjectName.IsValid(name));

    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("v1.0.0-RC1", "1.0.0rc1")]
    [InlineData("1.0alpha2", "1.0a2")]
    [InlineData("2!1.0.post", "2!1.0.post0")]
    [InlineData("1.0-5", "1.0.post5")]
    [InlineData("1.0.DEV", "1.0.dev0")]
    [InlineData("1.0+Ubuntu-1", "1.0+ubuntu.1")]
    [InlineData("01.002", "1.2")]
    public void Versions_AreNormalizedAsPep440Says(string version, string normalized) => Assert.Equal(normalized, PypiVersion.Normalize(version));

    [Theory]
    [InlineData("1.0-final-final")]
    [InlineData("latest")]
    [InlineData("1..0")]
    [InlineData("1.0/../2")]
    public void Versions_OutsidePep440_AreRefused(string version) => Assert.Null(PypiVersion.Normalize(version));

    [Theory]
    [InlineData("My.Project", "my_project-1.0-py3-none-any.whl", "my-project/1.0/my_project-1.0-py3-none-any.whl", PypiFileKind.Wheel)]
    [InlineData("my-project", "my_project-2.0rc1-1-cp311-cp311-manylinux_2_17_x86_64.whl", "my-project/2.0rc1/my_project-2.0rc1-1-cp311-cp311-manylinux_2_17_x86_64.whl", PypiFileKind.Wheel)]
    [InlineData("my-project", "my-project-1.0.tar.gz", "my-project/1.0/my-project-1.0.tar.gz", PypiFileKind.Sdist)]
    [InlineData("My_Project", "my_project-1.0.post1.zip", "my-project/1.0.post1/my_project-1.0.post1.zip", PypiFileKind.Sdist)]
    public void Distributions_ArePlacedInTheirNormalizedVersionFolder(string project, string file, string path, PypiFileKind kind)
    {
        PypiDistribution? parsed = PypiDistribution.Parse(project, file, out string? error);

        Assert.True(parsed is not null, error);
        Assert.Equal((path, kind), (parsed.Path, parsed.Kind));
    }

    [Theory]
    [InlineData("other-1.0-py3-none-any.whl", "belongs to project 'other'")]
    [InlineData("mine-1.0-py3-none.whl", "not a wheel file name")]
    [InlineData("mine-1.0-x-py3-none-any.whl", "not a wheel file name")]
    [InlineData("mine-latest.tar.gz", "not a valid version")]
    [InlineData("mine-1.0.exe", "neither a wheel")]
    [InlineData("../mine-1.0.tar.gz", "not a distribution file name")]
    [InlineData("mine-1.0\\..\\x.tar.gz", "not a distribution file name")]
    [InlineData(".mine-1.0.tar.gz", "not a distribution file name")]
    public void Distributions_OfAnotherProjectOrMalformed_AreRefused(string file, string message)
    {
        Assert.Null(PypiDistribution.Parse("mine", file, out string? error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectPages_OfAnUpstream_AreReadWithHashesAndAttributes()
    {
        const string html = """
            <html><body>
            <a href="https://files.example.com/p/x/demo-1.0-py3-none-any.whl#sha256=AB12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12" data-requires-python="&gt;=3.8">demo-1.0-py3-none-any.whl</a>
            <a href='../../files/demo-0.9.tar.gz' data-yanked="">demo-0.9.tar.gz</a>
            <a href="demo-0.8.tar.gz#md5=00">demo-0.8.tar.gz</a>
            </body></html>
            """;

        IReadOnlyList<PypiLink> links = PypiSimpleHtml.ProjectFiles(html);

        Assert.Equal(3, links.Count);
        Assert.Equal(new PypiLink("demo-1.0-py3-none-any.whl", "https://files.example.com/p/x/demo-1.0-py3-none-any.whl", "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12", ">=3.8", null), links[0]);
        Assert.Equal(new PypiLink("demo-0.9.tar.gz", "../../files/demo-0.9.tar.gz", null, null, string.Empty), links[1]);
        Assert.Null(links[2].Sha256);
        Assert.Equal(["Demo", "other_one"], PypiSimpleHtml.ProjectNames("<a href=\"demo/\">Demo</a><a href=\"other-one/\">other_one</a>"));
    }

    [Theory]
    [InlineData("https://pypi.example.com/", "https://pypi.example.com/simple/")]
    [InlineData("https://pypi.example.com/root/pypi", "https://pypi.example.com/root/pypi/simple/")]
    [InlineData("https://pypi.example.com/simple", "https://pypi.example.com/simple/")]
    [InlineData("https://pypi.example.com/simple/", "https://pypi.example.com/simple/")]
    public void RemoteUrls_NameTheIndexRootOrItsSimpleFolder(string url, string simple)
    {
        Assert.Equal(simple, PypiIndexUrls.SimpleRoot(new Uri(url)).AbsoluteUri);
        Assert.Equal(simple + "demo/", PypiIndexUrls.ProjectPage(new Uri(url), "demo").AbsoluteUri);
    }
}
