using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// A replication rule (see docs/replication.md): copy what <see cref="Filter"/> selects, in <see cref="Direction"/>,
/// to or from <see cref="Peer"/>, naming repositories by <see cref="Mapping"/>, when <see cref="Triggers"/> say so.
/// A destination tag that points elsewhere is moved only when <see cref="Overwrite"/>; deletions are carried only when
/// <see cref="PropagateDeletes"/>. A disabled rule does not run.
/// </summary>
public sealed record ReplicationRule(
    string Name,
    ReplicationDirection Direction,
    ReplicationPeer Peer,
    TransferFilter Filter,
    NamespaceMapping Mapping,
    ReplicationTriggers Triggers,
    bool Overwrite,
    bool PropagateDeletes,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The actor runs of this rule change the registry as: <c>replication:NAME</c>.</summary>
    public string ActorName => "replication:" + Name;

    /// <summary>The rule as one line for the audit log; never the password.</summary>
    public string Describe()
        => $"{(Direction == ReplicationDirection.Push ? "push to" : "pull from")} {Peer.Url.GetLeftPart(UriPartial.Authority)}"
            + (Peer.Username is null ? string.Empty : $" as {Peer.Username}")
            + $"; {Filter.Describe()}; {Mapping}"
            + $"; triggers{(Triggers.OnPush ? " on-push" : string.Empty)}{(Triggers.Cron is null ? string.Empty : $" cron '{Triggers.Cron}'")}{(Triggers.Manual ? " manual" : string.Empty)}"
            + (Overwrite ? "; overwrite" : string.Empty)
            + (PropagateDeletes ? "; propagate deletes" : string.Empty)
            + (Enabled ? string.Empty : "; disabled");
}
