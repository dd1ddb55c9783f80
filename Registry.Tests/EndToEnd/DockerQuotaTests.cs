using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>docker against a namespace quota: a push over it fails with the registry's message in docker's output, and nothing is tagged.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerQuotaTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-quota-")
{
    [EndToEndFact]
    public async Task DockerPush_OverTheNamespaceQuota_FailsWithTheRegistrysMessage_AndTagsNothing()
    {
        using var http = Registry.CreateClient();
        using (HttpResponseMessage set = await http.PutAsJsonAsync("/api/v1/namespaces/team/quota", new { bytes = 1000 }))
        {
            Assert.True(set.StatusCode == HttpStatusCode.OK, $"PUT quota: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync()}");
        }

        await docker.LoginAsync(Registry);
        var refused = $"{Registry.HostPort}/team/app:1";
        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 601, CancellationToken.None), refused);
        var push = await docker.DockerUncheckedAsync(["push", refused], CancellationToken.None);
        Output.WriteLine(push.Describe());

        Assert.False(push.Succeeded, $"the push over quota succeeded.\n{push.Describe()}");
        var said = push.StandardOutput + push.StandardError;
        Assert.Contains("namespace 'team' would use", said, StringComparison.Ordinal);
        Assert.Contains("of its 1000 B quota", said, StringComparison.Ordinal);
        var manifest = await new DistributionClient(http).GetManifestAsync("team/app", "1", CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        await docker.Docker("rmi", refused);
    }
}
