namespace Registry.Core.Retention;

/// <summary>A held run lock; disposing releases it.</summary>
public interface IRetentionRunLock : IAsyncDisposable
{
    /// <summary>Fires when the lock is no longer ours (it expired, or another node took it): the run under it stops.</summary>
    CancellationToken Lost { get; }
}
