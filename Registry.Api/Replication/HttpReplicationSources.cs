using Microsoft.Extensions.Options;
using Registry.Api.Manifests;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>Opens <see cref="HttpReplicationSource"/>s, presenting a pull rule's peer to the upstream client as a source of its own.</summary>
internal sealed class HttpReplicationSources(UpstreamClient client, IOptions<ManifestSettings> manifests) : IReplicationSources
{
    public IReplicationSource Open(ReplicationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var peer = new RemoteSource(rule.Peer.Url, rule.Peer.Username, rule.Peer.ProtectedPassword, 0, 0, false, 0, false, []);
        return new HttpReplicationSource(client, peer, manifests.Value.MaxBytes);
    }
}
