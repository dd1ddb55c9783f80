namespace Registry.Core.Changes;

public enum ReplicationRuleChange
{
    Created,
    Updated,
    Deleted,
}
