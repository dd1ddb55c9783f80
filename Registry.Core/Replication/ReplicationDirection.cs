namespace Registry.Core.Replication;

/// <summary>Which way a rule copies: <see cref="Push"/> from this registry to the other, <see cref="Pull"/> from the other into this one.</summary>
public enum ReplicationDirection
{
    Push,
    Pull,
}
