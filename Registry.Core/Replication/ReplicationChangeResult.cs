namespace Registry.Core.Replication;

/// <summary>What a change to a replication rule came to, with the message for a refusal.</summary>
public sealed record ReplicationChangeResult(ReplicationChangeStatus Status, string? Message = null, string? Field = null)
{
    public static readonly ReplicationChangeResult Done = new(ReplicationChangeStatus.Done);

    public bool Succeeded => Status == ReplicationChangeStatus.Done;
}
