using System.Text;
using Registry.Core.Packages.Nuget;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Packages.Nuget;

public sealed class NupkgReaderTests
{
    [Fact]
    public async Task AGoodPackage_GivesItsNuspec_WithDependenciesByFramework()
    {
        byte[] package = NugetPackageBuilder.Package("Acme.Lib", "1.2.0-beta.1+abc",
            """<group targetFramework="net10.0"><dependency id="Other.Lib" version="[1.0,2.0)" /></group><group targetFramework="netstandard2.0" />""");

        NupkgContents contents = await NupkgReader.ReadAsync(new MemoryStream(package), CancellationToken.None);

        Nuspec nuspec = Assert.IsType<Nuspec>(contents.Nuspec, exactMatch: true);
        Assert.Equal(("Acme.Lib", "acme.lib", "1.2.0-beta.1", "Tests"), (nuspec.Id, nuspec.LowerId, nuspec.Version.Normalized, nuspec.Authors));
        Assert.Equal(["net10.0", "netstandard2.0"], nuspec.DependencyGroups.Select(g => g.TargetFramework));
        NugetDependency dependency = Assert.Single(nuspec.DependencyGroups[0].Dependencies);
        Assert.Equal(("Other.Lib", "[1.0.0, 2.0.0)"), (dependency.Id, dependency.Range.Normalized));
        Assert.Empty(nuspec.DependencyGroups[1].Dependencies);
    }

    [Fact]
    public async Task UngroupedDependencies_FormAGroupForAnyFramework()
    {
        byte[] package = NugetPackageBuilder.Package("Acme.Lib", "1.0.0", """<dependency id="Other.Lib" version="1.0" />""");

        Nuspec nuspec = (await NupkgReader.ReadAsync(new MemoryStream(package), CancellationToken.None)).Nuspec!;

        NugetDependencyGroup group = Assert.Single(nuspec.DependencyGroups);
        Assert.Equal(("", "[1.0.0, )"), (group.TargetFramework, group.Dependencies[0].Range.Normalized));
    }

    public static TheoryData<string, byte[], string> BadPackages => new()
    {
        { "not a zip", Encoding.UTF8.GetBytes("this is not a zip archive at all"), "not a zip archive" },
        { "no nuspec", NugetPackageBuilder.Zip(("lib/a.dll", [1])), "no .nuspec at its root" },
        { "nuspec not at root", NugetPackageBuilder.Zip(("content/Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0")))), "no .nuspec at its root" },
        { "two nuspecs", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("Other.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0")))), "more than one .nuspec" },
        { "broken xml", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes("<package><metadata><id>Acme</id>"))), "not well-formed XML" },
        { "dtd", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE package [<!ENTITY x \"y\">]><package><metadata><id>Acme</id><version>1.0.0</version></metadata></package>"))), "not well-formed XML" },
        { "oversized", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0", description: new string('x', NuspecReader.MaxBytes))))), "larger than 256 KiB" },
        { "no metadata", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes("<package><files /></package>"))), "no <package><metadata>" },
        { "id mismatch", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Other", "1.0.0")))), "declares the id 'Other'" },
        { "invalid id", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("../Acme", "1.0.0")))), "not a valid package id" },
        { "invalid version", NugetPackageBuilder.Package("Acme", "1.0.0-be_ta"), "not a valid NuGet version" },
        { "bad range", NugetPackageBuilder.Package("Acme", "1.0.0", """<dependency id="Other" version="[2.0,1.0]" />"""), "not a NuGet version range" },
        { "bad dependency id", NugetPackageBuilder.Package("Acme", "1.0.0", """<dependency id="a b" version="1.0" />"""), "invalid id 'a b'" },
        { "traversal", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("lib/../../evil.dll", [1])), "leaves its folder" },
        { "encoded traversal", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("lib/%2e%2e/evil.dll", [1])), "leaves its folder" },
        { "absolute", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("/etc/evil", [1])), "not a relative path" },
        { "backslash", NugetPackageBuilder.Zip(("Acme.nuspec", Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec("Acme", "1.0.0"))), ("lib\\evil.dll", [1])), "not a relative path" },
    };

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task BadPackages_AreRefusedWithTheReason(string what, byte[] package, string reason)
    {
        NupkgContents contents = await NupkgReader.ReadAsync(new MemoryStream(package), CancellationToken.None);

        Assert.Null(contents.Nuspec);
        Assert.True(contents.Error?.Contains(reason, StringComparison.Ordinal), $"{what}: {contents.Error}");
    }
}
