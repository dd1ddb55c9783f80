using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// A <c>/v2/</c> name that belongs to a docker remote: the remote, the name on the upstream, and the local
/// repository (<c>&lt;key&gt;/&lt;name&gt;</c>) its content is cached in.
/// </summary>
internal sealed record RemoteTarget(ArtifactRepository Repository, string UpstreamName, RepositoryName Local)
{
    /// <summary>Host names of Docker Hub, where a one-component name is an official image under <c>library/</c>.</summary>
    private static readonly string[] DockerHubHosts = ["registry-1.docker.io", "docker.io", "index.docker.io"];

    public RemoteSource Remote => Repository.Remote!;

    /// <summary>The change-pipeline actor content fetched for this remote is written as: <c>remote:&lt;key&gt;</c>.</summary>
    public Core.Changes.Actor Actor => Core.Changes.Actor.System("remote:" + Repository.Key);

    /// <summary>The upstream name for <paramref name="name"/> (what follows the key): Docker Hub's one-component names gain <c>library/</c>.</summary>
    public static string UpstreamNameOf(RemoteSource remote, string name)
        => !name.Contains('/', StringComparison.Ordinal) && Array.Exists(DockerHubHosts, h => string.Equals(h, remote.Url.Host, StringComparison.OrdinalIgnoreCase))
            ? "library/" + name
            : name;

    /// <summary>The upstream URL of <c>/v2/&lt;upstream name&gt;/&lt;rest&gt;</c>, below the remote URL's path.</summary>
    public Uri UpstreamUri(string rest)
    {
        string root = Remote.Url.AbsoluteUri.EndsWith('/') ? Remote.Url.AbsoluteUri : Remote.Url.AbsoluteUri + "/";
        return new Uri(new Uri(root), "v2/" + UpstreamName + "/" + rest);
    }
}
