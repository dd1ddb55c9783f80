using Registry.Api.Oci;
using Registry.Core.Artifacts;

namespace Registry.Tests.Api.Upstream;

/// <summary>Which name a docker remote asks its upstream for, and at which URL.</summary>
public sealed class RemoteTargetTests
{
    [Theory]
    [InlineData("https://registry-1.docker.io", "alpine", "library/alpine")]
    [InlineData("https://docker.io", "alpine", "library/alpine")]
    [InlineData("https://index.docker.io", "alpine", "library/alpine")]
    [InlineData("https://registry-1.docker.io", "bitnami/redis", "bitnami/redis")]
    [InlineData("https://ghcr.io", "alpine", "alpine")]
    public void OneComponentNames_OnDockerHub_AreOfficialImages(string url, string name, string expected)
        => Assert.Equal(expected, RemoteTarget.UpstreamNameOf(Remote(url), name));

    [Theory]
    [InlineData("https://registry.example.com", "https://registry.example.com/v2/team/app/manifests/1")]
    [InlineData("https://registry.example.com/mirror", "https://registry.example.com/mirror/v2/team/app/manifests/1")]
    [InlineData("https://registry.example.com/mirror/", "https://registry.example.com/mirror/v2/team/app/manifests/1")]
    public void UpstreamUri_IsBelowTheRemotesUrl(string url, string expected)
    {
        var repository = new ArtifactRepository("hub", ArtifactRepositoryType.Docker, false, null, DateTimeOffset.UnixEpoch, "test")
        {
            Class = RepositoryClass.Remote,
            Remote = Remote(url),
        };
        var target = new RemoteTarget(repository, "team/app", Registry.Core.Primitives.RepositoryName.Parse("hub/team/app"));

        Assert.Equal(expected, target.UpstreamUri("manifests/1").AbsoluteUri);
    }

    private static RemoteSource Remote(string url) => new(new Uri(url), null, null, 300, 60, false, 0, false, []);
}
