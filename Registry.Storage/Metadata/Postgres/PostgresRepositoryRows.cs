using Npgsql;
using Registry.Core.Tags;
using static Registry.Storage.Metadata.UsageParameters;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// One repository's tag rows and its namespace's quota inside the store's open transaction (READ COMMITTED): the SQL
/// and the row locks that keep several nodes correct. The rules are <see cref="TagRules"/> and <see cref="QuotaDemand"/>.
/// </summary>
internal sealed class PostgresRepositoryRows(NpgsqlConnection c, NpgsqlTransaction tx, RepositoryName repository, long repositoryId, long now)
    : ITagRows, IQuotaRows
{
    /// <summary>How often a claim retries when the tag it found vanished before it could lock it.</summary>
    private const int MaxTagRaces = 16;

    public RepositoryName Repository => repository;

    public async ValueTask<string?> TargetAsync(string tag, CancellationToken ct)
        => await c.ExecuteScalarAsync<string?>(PostgresMetadataStore.Command(TagSql.TagTarget, Tag(tag), tx, ct));

    /// <summary>
    /// The tag's row is locked either way (a new row by its insert, an existing one by <c>FOR UPDATE</c>), so
    /// concurrent moves of one tag from several nodes queue up and each sees the digest the previous one left.
    /// </summary>
    public async ValueTask<string?> ClaimAsync(string tag, string digest, CancellationToken ct)
    {
        var move = new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now };
        for (int attempt = 0; attempt < MaxTagRaces; attempt++)
        {
            if (await c.ExecuteScalarAsync<int?>(PostgresMetadataStore.Command(PostgresSql.InsertTag, move, tx, ct)) is not null)
            {
                return null;
            }

            if (await c.ExecuteScalarAsync<string?>(PostgresMetadataStore.Command(PostgresSql.LockTag, move, tx, ct)) is { } old)
            {
                return old;
            }

            // Deleted between the insert's conflict and the lock: try creating it again.
        }

        throw new InvalidOperationException($"Tag '{tag}' was created and deleted concurrently {MaxTagRaces} times in a row; giving up.");
    }

    public async ValueTask RepointAsync(string tag, string digest, CancellationToken ct)
        => await c.ExecuteAsync(PostgresMetadataStore.Command(PostgresSql.UpdateTag, new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now }, tx, ct));

    public async ValueTask<string?> RemoveAsync(string tag, CancellationToken ct)
        => await c.ExecuteScalarAsync<string?>(PostgresMetadataStore.Command(TagSql.DeleteTag, Tag(tag), tx, ct));

    public async ValueTask<IReadOnlyList<string>> TagsOfAsync(string digest, CancellationToken ct)
        => (await c.QueryAsync<string>(PostgresMetadataStore.Command(MetadataSql.TagsOfManifest, Manifest(digest), tx, ct))).AsList();

    public async ValueTask RemoveTagsOfAsync(string digest, CancellationToken ct)
        => await c.ExecuteAsync(PostgresMetadataStore.Command(TagSql.DeleteTagsOfManifest, Manifest(digest), tx, ct));

    public async ValueTask<IReadOnlyList<string>> NamesAsync(CancellationToken ct)
        => (await c.QueryAsync<string>(PostgresMetadataStore.Command(TagSql.TagNames, new { RepositoryId = repositoryId }, tx, ct))).AsList();

    public async ValueTask RecordAsync(string tag, string? oldDigest, string? newDigest, string? actor, TagChangeKind kind, CancellationToken ct)
        => await c.ExecuteAsync(PostgresMetadataStore.Command(MetadataSql.InsertTagHistory,
            WriteParameters.TagChange(repositoryId, tag, oldDigest, newDigest, now, actor, kind), tx, ct));

    public async ValueTask<IReadOnlyList<TagProtectionRule>> ProtectionRulesAsync(CancellationToken ct)
        => await PostgresMetadataStore.ProtectionRulesForAsync(c, tx, repository, ct);

    public async ValueTask<FloatingTagSettings> FloatingSettingsAsync(CancellationToken ct)
        => await PostgresMetadataStore.FloatingSettingsAsync(c, tx, repository, ct);

    public async ValueTask BumpVersionAsync(CancellationToken ct)
        => await c.ExecuteAsync(PostgresMetadataStore.Command(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId }, tx, ct));

    /// <summary>
    /// Locks the namespace's quota row (FOR UPDATE): the pushes into one namespace with a quota are serialized from
    /// here to their commit, and in READ COMMITTED the usage read after it sees every push that committed before.
    /// </summary>
    public async ValueTask<long?> QuotaBytesAsync(string ns, CancellationToken ct)
        => (await c.QuerySingleOrDefaultAsync<QuotaRow>(PostgresMetadataStore.Command(PostgresSql.LockQuota, new { Ns = ns }, tx, ct)))?.Bytes;

    public async ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct)
        => (await c.QueryAsync<string>(PostgresMetadataStore.Command(PostgresSql.UsedInNamespace,
            new { Ns = ns, Prefix = ns + "/", Upper = ns + "0", Digests = digests.ToArray() }, tx, ct))).ToHashSet(StringComparer.Ordinal);

    public async ValueTask<long> NamespaceBytesAsync(string ns, CancellationToken ct)
        => (await c.QuerySingleAsync<UsageRow>(PostgresMetadataStore.Command(UsageSql.NamespaceUsage, Namespace(ns), tx, ct))).Bytes;

    private object Tag(string tag) => new { RepositoryId = repositoryId, Tag = tag };

    private object Manifest(string digest) => new { RepositoryId = repositoryId, Digest = digest };
}
