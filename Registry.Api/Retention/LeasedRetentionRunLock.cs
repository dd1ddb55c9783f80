using Registry.Api.Jobs;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>A run lock that is a held lease: lost when the lease is, released on dispose.</summary>
internal sealed class LeasedRetentionRunLock(HeldLease lease) : IRetentionRunLock
{
    public CancellationToken Lost => lease.Lost;

    public ValueTask DisposeAsync() => lease.DisposeAsync();
}
