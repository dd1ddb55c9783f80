using Microsoft.Extensions.Options;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>Opens <see cref="HttpReplicationTarget"/>s, presenting the rule's peer to the upstream client as a source of its own, with the rule's unfinished uploads.</summary>
internal sealed class HttpReplicationTargets(UpstreamClient client, IOptions<ReplicationSettings> settings, IReplicationUploadStore uploads, TimeProvider time) : IReplicationTargets
{
    public IReplicationTarget Open(ReplicationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var peer = new RemoteSource(rule.Peer.Url, rule.Peer.Username, rule.Peer.ProtectedPassword, 0, 0, false, 0, false, []);
        return new HttpReplicationTarget(client, peer, settings.Value.ChunkSize, new ReplicationUploads(uploads, rule.Name, time));
    }
}
