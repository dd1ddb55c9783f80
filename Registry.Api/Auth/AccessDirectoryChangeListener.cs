using Registry.Core.Changes;

namespace Registry.Api.Auth;

/// <summary>
/// Drops this node's access cache (<see cref="AccessDirectory"/>) when users, roles, public scopes or CI tokens
/// changed, whoever changed them; other nodes notice through the store's access version.
/// </summary>
internal sealed class AccessDirectoryChangeListener(AccessDirectory directory) : IChangeListener
{
    public async ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        if (changes.Any(c => c is UserChanged or RoleChanged or PublicScopeChanged or CiTokenChanged))
        {
            await directory.InvalidateAsync(ct);
        }
    }
}
