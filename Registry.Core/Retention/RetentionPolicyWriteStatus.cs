namespace Registry.Core.Retention;

public enum RetentionPolicyWriteStatus
{
    Written,

    /// <summary>No policy has the id.</summary>
    NotFound,

    /// <summary>Another policy has the name.</summary>
    NameTaken,

    /// <summary>Managing retention policies needs the global admin role (from <see cref="RetentionPolicyService"/>; a store never answers it).</summary>
    Denied,
}
