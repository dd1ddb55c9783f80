using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Tests.Core.Artifacts;

public sealed class ArtifactRetentionPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static ArtifactFile File(string path, int daysAgo, params ArtifactProperty[] properties)
        => new("repo", path, new ArtifactChecksums(Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(path)), 100, new string('1', 40), new string('2', 32)),
            null, Now.AddDays(-daysAgo), "ci", Now.AddDays(-daysAgo), "ci", properties);

    private static ArtifactRetentionPolicy Policy(params KeepRuleSpec[] rules) => new(rules, [], "admin", Now);

    private static IEnumerable<ArtifactFile> Maven(string artifact, params (string Version, int DaysAgo)[] versions)
    {
        string id = artifact[(artifact.LastIndexOf('/') + 1)..];
        yield return File($"{artifact}/maven-metadata.xml", 0);
        foreach ((string version, int daysAgo) in versions)
        {
            yield return File($"{artifact}/{version}/{id}-{version}.jar", daysAgo);
            yield return File($"{artifact}/{version}/{id}-{version}.pom", daysAgo);
        }
    }

    private static Dictionary<string, bool> Decisions(ArtifactRetentionPlan plan)
        => plan.Decisions.ToDictionary(d => d.Version.Folder, d => d.Keep);

    [Fact]
    public void MavenVersions_AreDecidedPerArtifact_AndArtifactMetadataIsNeverAVersion()
    {
        ArtifactFile[] files = [.. Maven("org/acme/app", ("1.0.0", 30), ("1.1.0", 20), ("1.2.0", 10)), .. Maven("org/acme/lib", ("2.0.0", 40))];
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(ArtifactRepositoryType.Maven, files, Policy(new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 2)), Now);

        Assert.Equal(new Dictionary<string, bool>
        {
            ["org/acme/app/1.0.0"] = false,
            ["org/acme/app/1.1.0"] = true,
            ["org/acme/app/1.2.0"] = true,
            ["org/acme/lib/2.0.0"] = true,
        }, Decisions(plan));
        Assert.Equal(2, Assert.Single(plan.Deleted).Version.Files.Count);
    }

    [Fact]
    public void KeepProperties_ProtectAVersion_ByNameOrByValue()
    {
        ArtifactFile[] files =
        [
            File("tools/cli/1/cli.tgz", 50, new ArtifactProperty("release", "true")),
            File("tools/cli/2/cli.tgz", 40, new ArtifactProperty("qa", "failed")),
            File("tools/cli/3/cli.tgz", 30, new ArtifactProperty("qa", "passed")),
            File("tools/cli/4/cli.tgz", 1),
            File("root.txt", 100),
        ];
        var policy = new ArtifactRetentionPolicy([new KeepRuleSpec(KeepRules.Recent, PushedWithin: TimeSpan.FromDays(7))], ["release", "qa=passed"], "admin", Now);
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(ArtifactRepositoryType.Generic, files, policy, Now);

        Assert.Equal(new Dictionary<string, bool>
        {
            ["tools/cli/1"] = true,
            ["tools/cli/2"] = false,
            ["tools/cli/3"] = true,
            ["tools/cli/4"] = true,
        }, Decisions(plan));
        Assert.Equal("a keep property is set", plan.Decisions.Single(d => d.Version.Version == "1").Reason);
    }

    [Fact]
    public void HighestVersions_KeepsByVersionNotByTime()
    {
        ArtifactFile[] files = [.. Maven("org/acme/app", ("1.10.0", 30), ("1.9.0", 1), ("2.0.0", 20))];
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(ArtifactRepositoryType.Maven, files, Policy(new KeepRuleSpec(KeepRules.HighestVersions, Count: 2)), Now);
        Assert.Equal(["org/acme/app/1.9.0"], plan.Deleted.Select(d => d.Version.Folder));
    }

    [Theory]
    [InlineData(null, "at least one keep rule")]
    [InlineData("most-recently-pulled", "downloads are not counted")]
    [InlineData("bogus", "rule kind must be one of")]
    public void Validate_RefusesPoliciesThatCannotWork(string? kind, string message)
    {
        IReadOnlyList<KeepRuleSpec>? rules = kind is null ? [] : [new KeepRuleSpec(kind, Count: 3)];
        Assert.Contains(message, ArtifactRetentionPolicy.Validate(rules, []));
        Assert.Contains("name=value", ArtifactRetentionPolicy.Validate([new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 1)], ["bad name"]));
        Assert.Null(ArtifactRetentionPolicy.Validate([new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 1)], ["release", "qa=passed"]));
    }

    [Fact]
    public void MavenMetadata_LosesTheDeletedVersions_AndLatestAndReleaseFollow()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metadata>
              <groupId>org.acme</groupId>
              <artifactId>app</artifactId>
              <versioning>
                <latest>2.0.0</latest>
                <release>2.0.0</release>
                <versions><version>1.0.0</version><version>1.1.0</version><version>2.0.0</version></versions>
                <lastUpdated>20260101000000</lastUpdated>
              </versioning>
            </metadata>
            """;
        string rewritten = MavenMetadata.WithoutVersions(xml, new HashSet<string> { "2.0.0", "1.0.0" }, Now)!;
        var document = System.Xml.Linq.XDocument.Parse(rewritten);
        System.Xml.Linq.XElement versioning = document.Root!.Element("versioning")!;
        Assert.Equal(["1.1.0"], versioning.Element("versions")!.Elements("version").Select(v => v.Value));
        Assert.Equal(("1.1.0", "1.1.0", "20261101120000"), (versioning.Element("latest")!.Value, versioning.Element("release")!.Value, versioning.Element("lastUpdated")!.Value));
        Assert.Null(MavenMetadata.WithoutVersions(xml, new HashSet<string> { "9.9.9" }, Now));
        Assert.Null(MavenMetadata.WithoutVersions("not xml", new HashSet<string> { "1.0.0" }, Now));
    }
}
