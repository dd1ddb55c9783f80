using Registry.Core.Changes;

namespace Registry.Core.Access;

/// <summary>
/// Users, role grants, public scopes and CI tokens for the management API, the console and the CLI alike: who may
/// change what (global admins manage users; the admin of a scope grants roles on it and makes it public; users
/// create CI tokens for what they may do themselves), the name, password and CI token rules, the protections of
/// one's own account, and the announcement of each change (<see cref="UserChanged"/>, <see cref="RoleChanged"/>,
/// <see cref="PublicScopeChanged"/>, <see cref="CiTokenChanged"/>: audited, and the access cache dropped, by
/// their listeners).
/// </summary>
public sealed class AccessAdministration(IAccessStore store, IAccountSecrets secrets, IChangeFeed feed, TimeProvider time)
{
    public IAccessStore Store => store;

    public async ValueTask<(AccessChangeResult Result, UserRecord? User)> CreateUserAsync(Actor actor, Permissions permissions, string? name, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return (Denied("creating users needs the global admin role"), null);
        }

        if (!AccountNames.IsValid(name))
        {
            return (new(AccessChangeStatus.InvalidName, $"user name '{name}' is not valid: {AccountNames.Rule}"), null);
        }

        if (AccountNames.PasswordProblem(password) is { } problem)
        {
            return (new(AccessChangeStatus.InvalidPassword, problem), null);
        }

        DateTimeOffset now = time.GetUtcNow();
        var user = new UserRecord(name!, secrets.HashPassword(password!), false, now, now);
        bool created = await feed.RecordAsync(
            c => store.CreateUserAsync(user, c),
            created => created ? [new UserChanged(actor, now, user.Name, UserChange.Created)] : [],
            ct).ConfigureAwait(false);
        return created ? (AccessChangeResult.Done, user) : (new(AccessChangeStatus.Conflict, $"user '{name}' exists already"), null);
    }

    /// <summary>Disables or enables a user; nobody disables their own account.</summary>
    public async ValueTask<AccessChangeResult> SetDisabledAsync(Actor actor, Permissions permissions, string name, bool disabled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return Denied("changing users needs the global admin role");
        }

        if (disabled && IsSelf(actor, name))
        {
            return new(AccessChangeStatus.Self, "you cannot disable your own account");
        }

        DateTimeOffset now = time.GetUtcNow();
        bool updated = await feed.RecordAsync(
            c => store.UpdateUserAsync(name, null, disabled, now, c),
            updated => updated ? [new UserChanged(actor, now, name, disabled ? UserChange.Disabled : UserChange.Enabled)] : [],
            ct).ConfigureAwait(false);
        return updated ? AccessChangeResult.Done : NoUser(name);
    }

    /// <summary>Deletes the user with their roles and revokes their CI tokens (a deleted user's robots go with them); nobody deletes themselves.</summary>
    public async ValueTask<AccessChangeResult> DeleteUserAsync(Actor actor, Permissions permissions, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return Denied("deleting users needs the global admin role");
        }

        if (IsSelf(actor, name))
        {
            return new(AccessChangeStatus.Self, "you cannot delete your own account");
        }

        // Read first: the transaction below sees only its own writes.
        IReadOnlyList<CiTokenRecord> tokens = await store.ListCiTokensAsync(name, ct).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        List<ChangeRecord>? changes = await feed.RecordAsync<List<ChangeRecord>?>(
            async c =>
            {
                if (!await store.DeleteUserAsync(name, c).ConfigureAwait(false))
                {
                    return null;
                }

                var changes = new List<ChangeRecord>();
                foreach (CiTokenRecord token in tokens)
                {
                    if (token.RevokedAt is null && await store.RevokeCiTokenAsync(token.Id, now, c).ConfigureAwait(false))
                    {
                        changes.Add(new CiTokenChanged(actor, now, token, Revoked: true, $"owner '{name}' deleted"));
                    }
                }

                changes.Add(new UserChanged(actor, now, name, UserChange.Deleted));
                return changes;
            },
            changes => changes ?? [],
            ct).ConfigureAwait(false);
        return changes is null ? NoUser(name) : AccessChangeResult.Done;
    }

    /// <summary>
    /// Sets a user's password: one's own with the current password (<paramref name="currentPassword"/>), another's as a
    /// global admin. <see cref="AccessChangeStatus.WrongPassword"/> when the current password is missing or wrong.
    /// </summary>
    public async ValueTask<AccessChangeResult> SetPasswordAsync(Actor actor, Permissions permissions, string name, string? password, string? currentPassword, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        bool self = IsSelf(actor, name);
        if (!self && !permissions.IsGlobalAdmin)
        {
            return Denied("changing another user's password needs the global admin role");
        }

        if (AccountNames.PasswordProblem(password) is { } problem)
        {
            return new(AccessChangeStatus.InvalidPassword, problem);
        }

        UserRecord? user = await store.GetUserAsync(name, ct).ConfigureAwait(false);
        if (user is null)
        {
            return NoUser(name);
        }

        if (self && (currentPassword is null || !secrets.VerifyPassword(user.PasswordHash, currentPassword)))
        {
            return new(AccessChangeStatus.WrongPassword, "currentPassword is missing or wrong");
        }

        DateTimeOffset now = time.GetUtcNow();
        var hash = secrets.HashPassword(password!);
        bool updated = await feed.RecordAsync(
            c => store.UpdateUserAsync(name, hash, null, now, c),
            updated => updated ? [new UserChanged(actor, now, name, UserChange.PasswordSet)] : [],
            ct).ConfigureAwait(false);
        return updated ? AccessChangeResult.Done : NoUser(name);
    }

    /// <summary>
    /// The operator's way back in, for a system actor only (the <c>reset-admin-password</c> command run on the server,
    /// <paramref name="reason"/> naming it): sets the account's password, or, when the account does not exist, creates
    /// it with the global admin role. Nothing else about an existing account (roles, CI tokens, the disabled flag)
    /// changes. The password rules apply as for any other password.
    /// </summary>
    public async ValueTask<(AccessChangeResult Result, bool Created)> ResetPasswordAsync(Actor actor, string name, string? password, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Kind != ActorKind.System)
        {
            return (Denied("resetting a password without the current one or an admin is for the registry's own commands"), false);
        }

        if (!AccountNames.IsValid(name))
        {
            return (new(AccessChangeStatus.InvalidName, $"user name '{name}' is not valid: {AccountNames.Rule}"), false);
        }

        if (AccountNames.PasswordProblem(password) is { } problem)
        {
            return (new(AccessChangeStatus.InvalidPassword, problem), false);
        }

        DateTimeOffset now = time.GetUtcNow();
        string hash = secrets.HashPassword(password!);
        // One transaction: the password is set, or the account created with its global admin role, with the audit entries.
        List<ChangeRecord>? changes = await feed.RecordAsync<List<ChangeRecord>?>(
            async c =>
            {
                if (await store.UpdateUserAsync(name, hash, null, now, c).ConfigureAwait(false))
                {
                    return [new UserChanged(actor, now, name, UserChange.PasswordSet, reason)];
                }

                if (!await store.CreateUserAsync(new UserRecord(name, hash, false, now, now), c).ConfigureAwait(false))
                {
                    return null;
                }

                await store.SetGrantAsync(new RoleGrant(name, AccessScope.Global, Role.Admin, now, actor.Name), c).ConfigureAwait(false);
                return [new UserChanged(actor, now, name, UserChange.Created, reason), new RoleChanged(actor, now, name, AccessScope.Global, Role.Admin)];
            },
            changes => changes ?? [],
            ct).ConfigureAwait(false);
        return changes switch
        {
            null => (new(AccessChangeStatus.Conflict, $"user '{name}' was created meanwhile; run the command again"), false),
            [UserChanged { Change: UserChange.PasswordSet }] => (AccessChangeResult.Done, false),
            _ => (AccessChangeResult.Done, true),
        };
    }

    /// <summary>
    /// At start-up, for a system actor only: when no user holds the admin role globally (the first start, or every
    /// admin was removed), creates the account <paramref name="name"/> with <paramref name="password"/> (an existing
    /// account keeps its password) and grants it the global admin role, in one transaction with the audit entries.
    /// The password may not look like a CI token secret; unlike a password set later it has no minimum length, so an
    /// operator's configured one keeps working. <paramref name="reason"/> is the audit entry's detail.
    /// <see cref="AdminBootstrapOutcome.NotNeeded"/> when a global admin exists.
    /// </summary>
    public async ValueTask<(AccessChangeResult Result, AdminBootstrapOutcome Outcome)> BootstrapAdminAsync(Actor actor, string name, string password, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(password);
        if (actor.Kind != ActorKind.System)
        {
            return (Denied("bootstrapping the admin account is for the registry's own start-up"), AdminBootstrapOutcome.NotNeeded);
        }

        IReadOnlyList<RoleGrant> grants = await store.ListGrantsAsync(null, ct).ConfigureAwait(false);
        if (grants.Any(g => g.Scope.Kind == ScopeKind.Global && g.Role == Role.Admin))
        {
            return (AccessChangeResult.Done, AdminBootstrapOutcome.NotNeeded);
        }

        if (password.StartsWith(AccountNames.CiTokenSecretPrefix, StringComparison.Ordinal))
        {
            return (new(AccessChangeStatus.InvalidPassword, $"the admin password must not start with '{AccountNames.CiTokenSecretPrefix}', which marks CI token secrets"), AdminBootstrapOutcome.NotNeeded);
        }

        DateTimeOffset now = time.GetUtcNow();
        string hash = secrets.HashPassword(password);
        bool created = await feed.RecordAsync(
            async c =>
            {
                bool created = await store.CreateUserAsync(new UserRecord(name, hash, false, now, now), c).ConfigureAwait(false);
                await store.SetGrantAsync(new RoleGrant(name, AccessScope.Global, Role.Admin, now, actor.Name), c).ConfigureAwait(false);
                return created;
            },
            created => created
                ? [new UserChanged(actor, now, name, UserChange.Created, reason), new RoleChanged(actor, now, name, AccessScope.Global, Role.Admin)]
                : [new RoleChanged(actor, now, name, AccessScope.Global, Role.Admin)],
            ct).ConfigureAwait(false);
        return (AccessChangeResult.Done, created ? AdminBootstrapOutcome.Created : AdminBootstrapOutcome.Regranted);
    }

    /// <summary>True when the caller holds the admin role over the whole scope (CI tokens never do).</summary>
    public static bool MayAdminister(Actor actor, Permissions permissions, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        return actor.Kind == ActorKind.User && (permissions.OnScope(scope) & AccessAction.Administer) != 0;
    }

    public async ValueTask<(AccessChangeResult Result, RoleGrant? Grant)> GrantRoleAsync(Actor actor, Permissions permissions, string name, AccessScope scope, Role role, CancellationToken ct)
    {
        if (!MayAdminister(actor, permissions, scope))
        {
            return (ScopeDenied(scope), null);
        }

        if (await store.GetUserAsync(name, ct).ConfigureAwait(false) is null)
        {
            return (NoUser(name), null);
        }

        var grant = new RoleGrant(name, scope, role, time.GetUtcNow(), actor.Name);
        await feed.RecordAsync(
            async c =>
            {
                await store.SetGrantAsync(grant, c).ConfigureAwait(false);
                return true;
            },
            _ => [new RoleChanged(actor, grant.GrantedAt, name, scope, role)],
            ct).ConfigureAwait(false);
        return (AccessChangeResult.Done, grant);
    }

    /// <summary>Revokes a user's role on a scope; nobody removes their own global role.</summary>
    public async ValueTask<AccessChangeResult> RevokeRoleAsync(Actor actor, Permissions permissions, string name, AccessScope scope, CancellationToken ct)
    {
        if (!MayAdminister(actor, permissions, scope))
        {
            return ScopeDenied(scope);
        }

        if (scope.Kind == ScopeKind.Global && IsSelf(actor, name))
        {
            return new(AccessChangeStatus.Self, "you cannot remove your own global role");
        }

        bool removed = await feed.RecordAsync(
            c => store.RemoveGrantAsync(name, scope, c),
            removed => removed ? [new RoleChanged(actor, time.GetUtcNow(), name, scope, null)] : [],
            ct).ConfigureAwait(false);
        return removed ? AccessChangeResult.Done : new(AccessChangeStatus.NotFound, $"user '{name}' holds no role on {scope}");
    }

    /// <summary>Makes a scope readable to anonymous clients, or no longer; announced only when that changed anything.</summary>
    public async ValueTask<AccessChangeResult> SetPublicAsync(Actor actor, Permissions permissions, AccessScope scope, bool isPublic, CancellationToken ct)
    {
        if (!MayAdminister(actor, permissions, scope))
        {
            return ScopeDenied(scope);
        }

        await feed.RecordAsync(
            c => store.SetPublicAsync(scope, isPublic, c),
            changed => changed ? [new PublicScopeChanged(actor, time.GetUtcNow(), scope, isPublic)] : [],
            ct).ConfigureAwait(false);
        return AccessChangeResult.Done;
    }

    /// <summary>A new CI token of the calling user, with its secret (shown once), or why not.</summary>
    public async ValueTask<(AccessChangeResult Result, CiTokenRecord? Token, string? Secret)> CreateCiTokenAsync(Actor actor, Permissions permissions, CiTokenRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (actor.Kind != ActorKind.User)
        {
            return (Denied("CI tokens are created by users, not by other CI tokens"), null, null);
        }

        if (!AccountNames.IsValid(request.Name))
        {
            return (new(AccessChangeStatus.InvalidName, $"token name '{request.Name}' is not valid: {AccountNames.Rule}"), null, null);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (CiTokenRules.Check(request, permissions, now, out AccessAction actions, out DateTimeOffset expiresAt) is { } problem)
        {
            return (problem, null, null);
        }

        (string id, string secret, byte[] hash) = secrets.NewCiTokenSecret();
        var token = new CiTokenRecord(id, request.Name!, actor.Name, hash, [.. request.Namespaces!.Distinct()], actions, now, expiresAt, null, null);
        bool created = await feed.RecordAsync(
            c => store.CreateCiTokenAsync(token, c),
            created => created ? [new CiTokenChanged(actor, now, token, Revoked: false)] : [],
            ct).ConfigureAwait(false);
        return created
            ? (AccessChangeResult.Done, token, secret)
            : (new(AccessChangeStatus.Conflict, $"a CI token named '{request.Name}' exists already (names stay taken after revocation)"), null, null);
    }

    /// <summary>True when the caller may see and revoke the token: its owner, or a global admin.</summary>
    public static bool MayManage(Actor actor, Permissions permissions, CiTokenRecord token)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(token);
        return permissions.IsGlobalAdmin || (actor.Kind == ActorKind.User && token.Owner == actor.Name);
    }

    /// <summary>Revokes a CI token (<see cref="AccessChangeStatus.NotFound"/> when there is none the caller may manage); the token as it was.</summary>
    public async ValueTask<(AccessChangeResult Result, CiTokenRecord? Token)> RevokeCiTokenAsync(Actor actor, Permissions permissions, string id, CancellationToken ct)
    {
        CiTokenRecord? token = await store.GetCiTokenAsync(id, ct).ConfigureAwait(false);
        if (token is null || !MayManage(actor, permissions, token))
        {
            return (new(AccessChangeStatus.NotFound, $"no CI token '{id}' of yours"), null);
        }

        DateTimeOffset now = time.GetUtcNow();
        bool revoked = await feed.RecordAsync(
            c => store.RevokeCiTokenAsync(id, now, c),
            revoked => revoked ? [new CiTokenChanged(actor, now, token, Revoked: true)] : [],
            ct).ConfigureAwait(false);
        return revoked ? (AccessChangeResult.Done, token) : (new(AccessChangeStatus.Conflict, $"CI token '{token.Name}' is revoked already"), token);
    }

    private static bool IsSelf(Actor actor, string name) => actor.Kind == ActorKind.User && actor.Name == name;

    private static AccessChangeResult Denied(string message) => new(AccessChangeStatus.Denied, message);

    private static AccessChangeResult ScopeDenied(AccessScope scope) => Denied($"managing roles and visibility on {scope} needs the admin role there");

    private static AccessChangeResult NoUser(string name) => new(AccessChangeStatus.NotFound, $"no user '{name}'");
}
