using System.Text;

namespace Registry.Storage.Metadata.Access;

/// <summary>
/// The statements of the access store (users, grants, public scopes, CI tokens, signing keys, audit log) that read
/// the same in SQLite and PostgreSQL. <c>SqliteSql.Access</c> and <c>PostgresSql.Access</c> keep what differs: the
/// audit insert (one row, or a batch through <c>unnest</c>), PostgreSQL's lock on the access version and the byte-exact
/// prefix test of the audit query.
/// </summary>
internal static class AccessSql
{
    public const string AccessVersion = "SELECT version FROM access_version WHERE id = 1";

    public const string BumpAccessVersion = "UPDATE access_version SET version = version + 1 WHERE id = 1";

    public const string User = $"SELECT {UserRow.Columns} FROM users WHERE name = @Name";

    public const string Users = $"SELECT {UserRow.Columns} FROM users ORDER BY name";

    public const string InsertUser = """
        INSERT INTO users (name, password_hash, disabled, created_at, updated_at)
        VALUES (@Name, @PasswordHash, @Disabled, @CreatedAt, @UpdatedAt)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>A null <c>@PasswordHash</c> or <c>@Disabled</c> leaves that column as it is.</summary>
    public const string UpdateUser = """
        UPDATE users SET password_hash = COALESCE(@PasswordHash, password_hash), disabled = COALESCE(@Disabled, disabled),
            updated_at = @At
        WHERE name = @Name
        """;

    public const string DeleteUser = "DELETE FROM users WHERE name = @Name";

    public const string DeleteGrantsOf = "DELETE FROM role_grants WHERE subject = @Subject";

    public const string Grants = $"SELECT {GrantRow.Columns} FROM role_grants ORDER BY subject, scope_kind, scope";

    public const string GrantsOf = $"SELECT {GrantRow.Columns} FROM role_grants WHERE subject = @Subject ORDER BY scope_kind, scope";

    public const string UpsertGrant = """
        INSERT INTO role_grants (subject, scope_kind, scope, role, granted_at, granted_by)
        VALUES (@Subject, @ScopeKind, @Scope, @Role, @GrantedAt, @GrantedBy)
        ON CONFLICT (subject, scope_kind, scope) DO UPDATE
        SET role = excluded.role, granted_at = excluded.granted_at, granted_by = excluded.granted_by
        """;

    public const string DeleteGrant = "DELETE FROM role_grants WHERE subject = @Subject AND scope_kind = @ScopeKind AND scope = @Scope";

    public const string InsertPublicScope = "INSERT INTO public_scopes (scope_kind, scope) VALUES (@ScopeKind, @Scope) ON CONFLICT DO NOTHING";

    /// <summary>The scope kind as an integer (PostgreSQL stores it as a smallint).</summary>
    public const string PublicScopes = "SELECT CAST(scope_kind AS integer), scope FROM public_scopes ORDER BY scope_kind, scope";

    public const string DeletePublicScope = "DELETE FROM public_scopes WHERE scope_kind = @ScopeKind AND scope = @Scope";

    /// <summary>Inserts nothing when the id or the name is taken.</summary>
    public const string InsertCiToken = """
        INSERT INTO ci_tokens (id, name, owner, secret_hash, namespaces, actions, created_at, expires_at, revoked_at, last_used_at)
        VALUES (@Id, @Name, @Owner, @SecretHash, @Namespaces, @Actions, @CreatedAt, @ExpiresAt, @RevokedAt, @LastUsedAt)
        ON CONFLICT DO NOTHING
        """;

    public const string CiToken = $"SELECT {CiTokenRow.Columns} FROM ci_tokens WHERE id = @Id";

    public const string CiTokens = $"SELECT {CiTokenRow.Columns} FROM ci_tokens ORDER BY created_at DESC, id DESC";

    public const string CiTokensOf = $"SELECT {CiTokenRow.Columns} FROM ci_tokens WHERE owner = @Owner ORDER BY created_at DESC, id DESC";

    public const string RevokeCiToken = "UPDATE ci_tokens SET revoked_at = @At WHERE id = @Id AND revoked_at IS NULL";

    /// <summary>Never moves <c>last_used_at</c> back.</summary>
    public const string RecordCiTokenUse = """
        UPDATE ci_tokens SET last_used_at = @At WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < @At)
        """;

    public const string SigningKeys = $"SELECT {SigningKeyRow.Columns} FROM signing_keys ORDER BY created_at, kid";

    public const string SigningKeyExists = "SELECT 1 FROM signing_keys WHERE kid = @Kid";

    public const string ActiveSigningKeyExists = "SELECT 1 FROM signing_keys WHERE retired_at IS NULL LIMIT 1";

    public const string RetireSigningKeys = "UPDATE signing_keys SET retired_at = @At WHERE retired_at IS NULL";

    public const string InsertSigningKey = """
        INSERT INTO signing_keys (kid, algorithm, private_key, created_at, retired_at)
        VALUES (@Kid, @Algorithm, @PrivateKey, @CreatedAt, @RetiredAt)
        """;

    /// <summary>
    /// The audit page for the conditions an <see cref="AuditFilter"/> sets (its properties are the parameters), newest
    /// first. <paramref name="startsWith"/> writes the dialect's test that a column starts with a parameter, compared
    /// as bytes (no LIKE, so <c>%</c> and <c>_</c> are literal and case counts); the <c>&gt;=</c> beside each lets the
    /// action index narrow the scan.
    /// </summary>
    public static string ListAudit(AuditConditions conditions, Func<string, string, string> startsWith)
    {
        string where = AuditWhere(conditions, startsWith);

        // The page before a cursor: the oldest entries newer than it, then turned newest first like every page.
        return (conditions & AuditConditions.AfterId) != 0
            ? $"SELECT * FROM (SELECT {AuditRow.Columns} FROM audit_log{where} ORDER BY id ASC LIMIT @Limit) newer ORDER BY 1 DESC"
            : $"SELECT {AuditRow.Columns} FROM audit_log{where} ORDER BY id DESC LIMIT @Limit";
    }

    /// <summary>How many entries match the filter conditions of <see cref="ListAudit"/> (cursors aside).</summary>
    public static string CountAudit(AuditConditions conditions, Func<string, string, string> startsWith)
        => $"SELECT COUNT(*) FROM audit_log{AuditWhere(conditions & ~AuditConditions.Cursors, startsWith)}";

    private static string AuditWhere(AuditConditions conditions, Func<string, string, string> startsWith)
    {
        var sql = new StringBuilder(" WHERE 1 = 1");
        Append(AuditConditions.Actor, " AND actor = @Actor");
        Append(AuditConditions.Action, " AND action = @Action");
        Append(AuditConditions.ActionPrefix, $" AND action >= @ActionPrefix AND {startsWith("action", "@ActionPrefix")}");
        Append(AuditConditions.TargetPrefix, $" AND target >= @TargetPrefix AND {startsWith("target", "@TargetPrefix")}");
        Append(AuditConditions.Since, " AND at >= @Since");
        Append(AuditConditions.Until, " AND at < @Until");
        Append(AuditConditions.Success, " AND success = @Success");
        Append(AuditConditions.BeforeId, " AND id < @BeforeId");
        Append(AuditConditions.AfterId, " AND id > @AfterId");
        return sql.ToString();

        void Append(AuditConditions condition, string text)
        {
            if ((conditions & condition) != 0)
            {
                sql.Append(text);
            }
        }
    }
}
