namespace Registry.Core.Replication;

public enum ReplicationOutcome
{
    Copied,
    Skipped,
    Failed,

    /// <summary>The destination (an instance of ours) protects the tag: it was neither moved nor deleted. Not a failure.</summary>
    Protected,

    /// <summary>The tag is gone at the source and was deleted at the destination (a rule that propagates deletes).</summary>
    Deleted,
}
