using System.Globalization;
using Registry.Core.Access;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>
/// Who may do what with retention policies: global admins everything; maintainers (the manage action) of every
/// scope a policy covers may read it, its runs, and dry-run it. Creating, changing, deleting and running policies
/// deletes images across repositories, so it needs the global admin role.
/// </summary>
internal static class RetentionAccess
{
    public static bool MayRead(ManagementCaller caller, RetentionPolicy policy)
        => caller.Permissions.IsGlobalAdmin
            || policy.Repositories.All(scope => (caller.Permissions.OnScope(scope) & AccessAction.Manage) != 0);

    public static IResult? RequireAdmin(ManagementCaller caller, string what)
        => caller.Permissions.IsGlobalAdmin ? null : ManagementCaller.Denied($"{what} needs the global admin role");

    /// <summary>The policy named by <paramref name="reference"/>: an id (digits) or a name.</summary>
    public static async Task<RetentionPolicy?> FindAsync(IRetentionStore store, string reference, CancellationToken ct)
        => long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? await store.GetPolicyAsync(id, ct)
            : await store.GetPolicyByNameAsync(reference, ct);

    public static IResult NotFound(string reference) => ManagementCaller.NotFound($"no retention policy '{reference}'");
}
