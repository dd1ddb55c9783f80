namespace Registry.Core.Retention;

public enum RetentionPolicyWriteStatus
{
    Written,

    /// <summary>No policy has the id.</summary>
    NotFound,

    /// <summary>Another policy has the name.</summary>
    NameTaken,
}
