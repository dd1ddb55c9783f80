namespace Registry.Storage.Metadata.Tags;

/// <summary>
/// The statements of the tag store (tag rows, history, details, protection rules, floating-tag settings), the same in
/// SQLite and PostgreSQL; each dialect adds how it creates and locks a tag (<c>SqliteSql</c>, <c>PostgresSql.Tags</c>).
/// </summary>
internal static class TagSql
{
    /// <summary>Newest first below the <c>@Before</c> id, over the (repository_id, tag, id) index.</summary>
    public const string TagHistory = $"""
        SELECT {TagHistoryRow.Columns} FROM tag_history
        WHERE repository_id = @RepositoryId AND tag = @Tag AND id < @Before
        ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>The oldest entries above the <c>@After</c> id, then newest first (the page before a cursor).</summary>
    public const string NewerTagHistory = $"""
        SELECT * FROM (
            SELECT {TagHistoryRow.Columns} FROM tag_history
            WHERE repository_id = @RepositoryId AND tag = @Tag AND id > @After
            ORDER BY id ASC LIMIT @Limit) newer
        ORDER BY 1 DESC
        """;

    public const string CountTagHistory = "SELECT COUNT(*) FROM tag_history WHERE repository_id = @RepositoryId AND tag = @Tag";

    public const string TagDetails = "SELECT name, manifest_digest, updated_at FROM tags WHERE repository_id = @RepositoryId ORDER BY name";

    public const string TagNames = "SELECT name FROM tags WHERE repository_id = @RepositoryId";

    public const string TagTarget = "SELECT manifest_digest FROM tags WHERE repository_id = @RepositoryId AND name = @Tag";

    /// <summary>Deletes the tag; returns the digest it pointed at (no row when there was no such tag).</summary>
    public const string DeleteTag = "DELETE FROM tags WHERE repository_id = @RepositoryId AND name = @Tag RETURNING manifest_digest";

    public const string DeleteTagsOfManifest = "DELETE FROM tags WHERE repository_id = @RepositoryId AND manifest_digest = @Digest";

    public const string ProtectionRules = $"SELECT {ProtectionRuleRow.Columns} FROM tag_protection_rules ORDER BY id";

    public const string ProtectionRule = $"SELECT {ProtectionRuleRow.Columns} FROM tag_protection_rules WHERE id = @Id";

    /// <summary>The rules of the repository's namespace (scope kind 1) and of the repository itself (2).</summary>
    public const string ProtectionRulesFor = $"""
        SELECT {ProtectionRuleRow.Columns} FROM tag_protection_rules
        WHERE (scope_kind = 1 AND scope = @Namespace) OR (scope_kind = 2 AND scope = @Repository)
        ORDER BY id
        """;

    /// <summary>Returns the new id; nothing when the same rule exists.</summary>
    public const string InsertProtectionRule = """
        INSERT INTO tag_protection_rules (scope_kind, scope, pattern, kind, created_by, created_at)
        VALUES (@ScopeKind, @Scope, @Pattern, @Kind, @CreatedBy, @CreatedAt)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    public const string DeleteProtectionRule = "DELETE FROM tag_protection_rules WHERE id = @Id";

    public const string FloatingSettings = "SELECT floating_tags, float_latest FROM floating_tag_settings WHERE repository = @Repository";

    public const string UpsertFloatingSettings = """
        INSERT INTO floating_tag_settings (repository, floating_tags, float_latest, updated_by, updated_at)
        VALUES (@Repository, @FloatingTags, @FloatLatest, @Actor, @Now)
        ON CONFLICT (repository) DO UPDATE SET floating_tags = excluded.floating_tags, float_latest = excluded.float_latest,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;
}
