namespace Registry.Core.Retention;

/// <summary>Named locks across the registry's nodes (the host's leases) that keep real runs of a policy one at a time.</summary>
public interface IRetentionRunLocks
{
    /// <summary>The lock, now held until disposed, or null when another run holds it.</summary>
    Task<IRetentionRunLock?> TryTakeAsync(string name, CancellationToken ct);
}
