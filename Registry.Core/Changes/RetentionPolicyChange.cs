namespace Registry.Core.Changes;

public enum RetentionPolicyChange
{
    Created,
    Updated,
    Deleted,
}
