namespace Registry.Core.Replication;

public enum ReplicationOutcome
{
    Copied,
    Skipped,
    Failed,
}
