namespace Registry.Core.Access;

/// <summary>
/// Identities and what they may do: users, role grants, public scopes, CI tokens, token signing keys and the audit
/// log. Every write is one transaction and bumps <see cref="GetAccessVersionAsync"/> when it changes who may do what,
/// so every node can drop what it cached.
/// </summary>
public interface IAccessStore
{
    /// <summary>A number that changes whenever a user, grant, public scope or CI token changes.</summary>
    ValueTask<long> GetAccessVersionAsync(CancellationToken ct);

    ValueTask<UserRecord?> GetUserAsync(string name, CancellationToken ct);

    /// <summary>Users ordered by name.</summary>
    ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct);

    /// <summary>False when a user of that name exists already.</summary>
    ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken ct);

    /// <summary>Changes the password hash and/or the disabled flag (null leaves it); false when the user is unknown.</summary>
    ValueTask<bool> UpdateUserAsync(string name, string? passwordHash, bool? disabled, DateTimeOffset at, CancellationToken ct);

    /// <summary>Deletes the user and every role granted to them; false when the user is unknown.</summary>
    ValueTask<bool> DeleteUserAsync(string name, CancellationToken ct);

    /// <summary>Grants, of one subject or of everyone, ordered by subject, scope kind and scope name.</summary>
    ValueTask<IReadOnlyList<RoleGrant>> ListGrantsAsync(string? subject, CancellationToken ct);

    /// <summary>Grants the role, replacing the subject's role on exactly that scope if it had one.</summary>
    ValueTask SetGrantAsync(RoleGrant grant, CancellationToken ct);

    ValueTask<bool> RemoveGrantAsync(string subject, AccessScope scope, CancellationToken ct);

    /// <summary>Namespaces and repositories anyone may pull from, without signing in.</summary>
    ValueTask<IReadOnlyList<AccessScope>> ListPublicScopesAsync(CancellationToken ct);

    /// <summary>Marks the scope public or private; false when it already was.</summary>
    ValueTask<bool> SetPublicAsync(AccessScope scope, bool isPublic, CancellationToken ct);

    /// <summary>False when a token with that id or that name exists already (revoked ones included).</summary>
    ValueTask<bool> CreateCiTokenAsync(CiTokenRecord token, CancellationToken ct);

    ValueTask<CiTokenRecord?> GetCiTokenAsync(string id, CancellationToken ct);

    /// <summary>Tokens of one owner or of everyone, newest first.</summary>
    ValueTask<IReadOnlyList<CiTokenRecord>> ListCiTokensAsync(string? owner, CancellationToken ct);

    /// <summary>False when the token is unknown or revoked already.</summary>
    ValueTask<bool> RevokeCiTokenAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records when tokens were last used (batched by the caller; a later time never goes back).</summary>
    ValueTask RecordCiTokenUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken ct);

    /// <summary>Every signing key, oldest first.</summary>
    ValueTask<IReadOnlyList<SigningKeyRecord>> ListSigningKeysAsync(CancellationToken ct);

    /// <summary>
    /// Adds the key unless one that is not retired exists already (so nodes starting together agree on one key);
    /// with <paramref name="retireOthers"/> the other keys are retired at the new key's creation time (rotation).
    /// Returns whether the key was added.
    /// </summary>
    ValueTask<bool> AddSigningKeyAsync(SigningKeyRecord key, bool retireOthers, CancellationToken ct);

    /// <summary>Appends entries in order, in one transaction.</summary>
    ValueTask AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct);

    /// <summary>Entries matching the query, newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);

    /// <summary>How many entries match the query's filters (its cursors and limit aside).</summary>
    ValueTask<long> CountAuditAsync(AuditQuery query, CancellationToken ct);
}
