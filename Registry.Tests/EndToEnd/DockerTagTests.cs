using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// docker against tag history, protection and floating tags: pushes by two users recorded and one restored, an
/// immutable tag refused with the rule in docker's output, and version pushes moving the floating tags.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerTagTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-tags-")
{
    [EndToEndFact]
    public async Task DockerPushes_ByTwoUsers_AreInTheTagsHistory_AndARestoreBringsTheFirstImageBack()
    {
        using var http = Registry.CreateClient();
        var management = new ManagementClient(http);
        await management.CreateUserWithRoleAsync("alice", "alice-password-1", "developer", "team", CancellationToken.None);
        await management.CreateUserWithRoleAsync("bob", "bob-password-1", "maintainer", "team", CancellationToken.None);
        var image = $"{Registry.HostPort}/team/app:1.0";

        await docker.LoginAsync(Registry.HostPort, "alice", "alice-password-1");
        var first = await DockerBuildContext.WriteAsync(Work.Combine("first"), seed: 501, CancellationToken.None);
        await DockerImages.BuildAsync(docker, first, image);
        var (_, firstDigest) = await DockerImages.PushAsync(docker, image);

        await docker.LoginAsync(Registry.HostPort, "bob", "bob-password-1");
        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("second"), seed: 502, CancellationToken.None), image);
        var (_, secondDigest) = await DockerImages.PushAsync(docker, image);
        Assert.NotEqual(firstDigest, secondDigest);

        using var bobHttp = Registry.CreateClient("bob", "bob-password-1");
        var tags = new TagManagementClient(bobHttp);
        Assert.Equal(
            [("moved", firstDigest, secondDigest, "bob"), ("created", null, firstDigest, "alice")],
            await tags.HistoryAsync("team/app", "1.0", CancellationToken.None));

        await tags.RestoreAsync("team/app", "1.0", firstDigest, CancellationToken.None);

        Assert.Equal(("restored", secondDigest, firstDigest, "bob"), (await tags.HistoryAsync("team/app", "1.0", CancellationToken.None))[0]);
        await docker.Docker("rmi", image);
        var pulled = await docker.Docker("pull", image);
        Assert.Contains($"Digest: {firstDigest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(first.Files, await DockerImages.ExtractDataAsync(docker, image, Work.Combine("restored")));
        await docker.Docker("rmi", image);
    }

    [EndToEndFact]
    public async Task DockerPush_MovingAnImmutableTag_IsRefusedWithTheRuleInDockersOutput_AndTheTagStays()
    {
        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        var ruleId = await new TagManagementClient(http).CreateNamespaceRuleAsync("base", @"\d+\.\d+\.\d+", "immutable", CancellationToken.None);
        await docker.LoginAsync(Registry);
        var image = $"{Registry.HostPort}/base/java:17.0.12";
        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("released"), seed: 511, CancellationToken.None), image);
        var (_, releasedDigest) = await DockerImages.PushAsync(docker, image);
        await DockerImages.PushAsync(docker, image);   // pushing the same image again is allowed

        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("rebuilt"), seed: 512, CancellationToken.None), image);
        var push = await docker.DockerUncheckedAsync(["push", image], CancellationToken.None);
        Output.WriteLine(push.Describe());

        Assert.False(push.Succeeded, $"docker pushed over an immutable tag.\n{push.Describe()}");
        var said = push.StandardOutput + push.StandardError;
        Assert.Contains("denied", said, StringComparison.Ordinal);
        Assert.Contains($"rule {ruleId}", said, StringComparison.Ordinal);
        Assert.Contains(@"\d+\.\d+\.\d+", said, StringComparison.Ordinal);
        Assert.Contains("'base/java:17.0.12' is immutable", said, StringComparison.Ordinal);
        var manifest = await distribution.GetManifestAsync("base/java", "17.0.12", CancellationToken.None);
        Assert.Equal(releasedDigest, manifest.DockerContentDigest);
        await docker.Docker("rmi", image);
    }

    [EndToEndFact]
    public async Task DockerPushes_OfASequenceOfVersions_MoveTheFloatingTags()
    {
        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        await new TagManagementClient(http).SetFloatingTagsAsync("base/java", floatingTags: true, floatLatest: true, CancellationToken.None);
        await docker.LoginAsync(Registry);
        var repository = $"{Registry.HostPort}/base/java";
        var digests = new Dictionary<string, string>();
        var seed = 520;

        async Task PushAsync(string version)
        {
            var context = await DockerBuildContext.WriteAsync(Work.Combine(version), seed: seed++, CancellationToken.None);
            await DockerImages.BuildAsync(docker, context, $"{repository}:{version}");
            digests[version] = (await DockerImages.PushAsync(docker, $"{repository}:{version}")).Digest;
            await docker.Docker("rmi", $"{repository}:{version}");
        }

        async Task ExpectAsync(string tag, string? version)
        {
            var manifest = await distribution.GetManifestAsync("base/java", tag, CancellationToken.None);
            if (version is null)
            {
                Assert.True(manifest.StatusCode == HttpStatusCode.NotFound, $"{tag} should not exist: {manifest}");
            }
            else
            {
                Assert.True(digests[version] == manifest.DockerContentDigest, $"{tag} should point at {version}: {manifest}");
            }
        }

        await PushAsync("17.0.1");
        await ExpectAsync("17", "17.0.1");
        await ExpectAsync("17.0", "17.0.1");
        await ExpectAsync("latest", "17.0.1");

        await PushAsync("17.0.12");
        await ExpectAsync("17", "17.0.12");
        await ExpectAsync("17.0", "17.0.12");

        await PushAsync("17.1.0");
        await ExpectAsync("17", "17.1.0");
        await ExpectAsync("17.0", "17.0.12");
        await ExpectAsync("17.1", "17.1.0");

        await PushAsync("17.0.13");
        await ExpectAsync("17", "17.1.0");
        await ExpectAsync("17.0", "17.0.13");
        await ExpectAsync("latest", "17.1.0");

        await PushAsync("18.0.0-rc1");
        await ExpectAsync("18", null);
        await ExpectAsync("18.0", null);
        await ExpectAsync("latest", "17.1.0");

        await PushAsync("18.0.0");
        await ExpectAsync("18", "18.0.0");
        await ExpectAsync("18.0", "18.0.0");
        await ExpectAsync("latest", "18.0.0");
        await ExpectAsync("17", "17.1.0");

        // docker pulls what the floating tag points at.
        var pulled = await docker.Docker("pull", $"{repository}:17");
        Assert.Contains($"Digest: {digests["17.1.0"]}", pulled.StandardOutput, StringComparison.Ordinal);
        await docker.Docker("rmi", $"{repository}:17");
        var history = await new TagManagementClient(http).HistoryAsync("base/java", "17.0", CancellationToken.None);
        Assert.Equal(["17.0.13", "17.0.12", "17.0.1"], history.Select(e => digests.Single(d => d.Value == e.New).Key));
        Assert.All(history, e => Assert.Equal("floating-tags", e.Actor));
    }
}
