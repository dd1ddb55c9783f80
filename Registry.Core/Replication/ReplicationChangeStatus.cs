namespace Registry.Core.Replication;

public enum ReplicationChangeStatus
{
    Done,

    /// <summary>Replication needs the global admin role.</summary>
    Denied,

    /// <summary>The input breaks a rule; <see cref="ReplicationChangeResult.Field"/> names the input at fault.</summary>
    Invalid,

    NotFound,

    /// <summary>Another rule has the name, or the rule is running already.</summary>
    Conflict,
}
