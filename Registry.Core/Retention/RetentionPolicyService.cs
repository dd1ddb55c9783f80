using Registry.Core.Access;
using Registry.Core.Changes;

namespace Registry.Core.Retention;

/// <summary>
/// Creates, changes and deletes image retention policies for the management API and the console alike: only a global
/// admin may, names are unique, and each change is announced once (<see cref="RetentionPolicyChanged"/>, audited as
/// <c>retention.policy.create</c> / <c>.update</c> / <c>.delete</c>). The policy itself is built and validated from the
/// request by the caller (the same builder for both); runs go through <see cref="RetentionRunner"/>.
/// </summary>
public sealed class RetentionPolicyService(IRetentionStore store, IChangeFeed feed, TimeProvider time)
{
    public static bool MayManage(Permissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return permissions.IsGlobalAdmin;
    }

    /// <summary>Stores <paramref name="draft"/> as a new policy; the policy as stored, or why not.</summary>
    public ValueTask<RetentionPolicyWrite> CreateAsync(Actor actor, Permissions permissions, RetentionPolicy draft, CancellationToken ct)
        => WriteAsync(actor, permissions, draft, RetentionPolicyChange.Created, c => store.CreatePolicyAsync(draft, c), ct);

    /// <summary>Replaces the policy with <paramref name="draft"/> (same id); the policy as stored, or why not.</summary>
    public ValueTask<RetentionPolicyWrite> UpdateAsync(Actor actor, Permissions permissions, RetentionPolicy draft, CancellationToken ct)
        => WriteAsync(actor, permissions, draft, RetentionPolicyChange.Updated, c => store.UpdatePolicyAsync(draft, c), ct);

    /// <summary>Deletes the policy (its runs stay in the history); <see cref="RetentionPolicyWriteStatus.NotFound"/> when it was gone already.</summary>
    public async ValueTask<RetentionPolicyWriteStatus> DeleteAsync(Actor actor, Permissions permissions, RetentionPolicy existing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(existing);
        if (!MayManage(permissions))
        {
            return RetentionPolicyWriteStatus.Denied;
        }

        bool deleted = await feed.RecordAsync(
            c => store.DeletePolicyAsync(existing.Id, c),
            deleted => deleted ? [new RetentionPolicyChanged(actor, time.GetUtcNow(), existing, RetentionPolicyChange.Deleted)] : [],
            ct).ConfigureAwait(false);
        return deleted ? RetentionPolicyWriteStatus.Written : RetentionPolicyWriteStatus.NotFound;
    }

    private async ValueTask<RetentionPolicyWrite> WriteAsync(
        Actor actor, Permissions permissions, RetentionPolicy draft, RetentionPolicyChange kind,
        Func<CancellationToken, ValueTask<RetentionPolicyWrite>> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!MayManage(permissions))
        {
            return new RetentionPolicyWrite(RetentionPolicyWriteStatus.Denied, null);
        }

        RetentionPolicyWrite written = await feed.RecordAsync(
            write,
            w => w.Status == RetentionPolicyWriteStatus.Written ? [new RetentionPolicyChanged(actor, time.GetUtcNow(), w.Policy!, kind)] : [],
            ct).ConfigureAwait(false);

        // Read after the commit (reads see only what is committed): the policy exactly as stored.
        return written.Status == RetentionPolicyWriteStatus.Written && await store.GetPolicyAsync(written.Policy!.Id, ct).ConfigureAwait(false) is { } stored
            ? written with { Policy = stored }
            : written;
    }
}
