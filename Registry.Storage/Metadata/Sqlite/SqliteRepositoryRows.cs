using Microsoft.Data.Sqlite;
using Registry.Core.Tags;
using static Registry.Storage.Metadata.UsageParameters;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// One repository's tag rows and its namespace's quota inside the store's open immediate transaction: the SQL only.
/// The rules are <see cref="TagRules"/> and <see cref="QuotaDemand"/>. The transaction holds SQLite's write lock, so
/// what is read here stays true until commit; every call completes synchronously (see <see cref="Run{T}"/>).
/// </summary>
internal sealed class SqliteRepositoryRows(SqliteConnection c, SqliteTransaction tx, RepositoryName repository, long repositoryId, long now)
    : ITagRows, IQuotaRows
{
    public RepositoryName Repository => repository;

    /// <summary>
    /// The result of a rule run over these rows. Every call here completes synchronously, so the rule's task has
    /// finished when it returns (its exception, if any, is rethrown here).
    /// </summary>
    public static T Run<T>(ValueTask<T> rule)
        => rule.IsCompleted ? rule.GetAwaiter().GetResult() : throw new InvalidOperationException("A rule over SQLite rows awaited something that did not complete synchronously.");

    public ValueTask<string?> TargetAsync(string tag, CancellationToken ct)
        => ValueTask.FromResult(c.ExecuteScalar<string?>(TagSql.TagTarget, Tag(tag), tx));

    public ValueTask<string?> ClaimAsync(string tag, string digest, CancellationToken ct)
    {
        string? old = c.ExecuteScalar<string?>(TagSql.TagTarget, Tag(tag), tx);
        if (old is null)
        {
            c.Execute(SqliteSql.UpsertTag, new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now }, tx);
        }

        return ValueTask.FromResult(old);
    }

    public ValueTask RepointAsync(string tag, string digest, CancellationToken ct)
    {
        c.Execute(SqliteSql.UpsertTag, new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now }, tx);
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> RemoveAsync(string tag, CancellationToken ct)
        => ValueTask.FromResult(c.ExecuteScalar<string?>(TagSql.DeleteTag, Tag(tag), tx));

    public ValueTask<IReadOnlyList<string>> TagsOfAsync(string digest, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<string>>(c.Query<string>(MetadataSql.TagsOfManifest, Manifest(digest), tx).AsList());

    public ValueTask RemoveTagsOfAsync(string digest, CancellationToken ct)
    {
        c.Execute(TagSql.DeleteTagsOfManifest, Manifest(digest), tx);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> NamesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<string>>(c.Query<string>(TagSql.TagNames, new { RepositoryId = repositoryId }, tx).AsList());

    public ValueTask RecordAsync(string tag, string? oldDigest, string? newDigest, string? actor, TagChangeKind kind, CancellationToken ct)
    {
        c.Execute(MetadataSql.InsertTagHistory, WriteParameters.TagChange(repositoryId, tag, oldDigest, newDigest, now, actor, kind), tx);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TagProtectionRule>> ProtectionRulesAsync(CancellationToken ct)
        => ValueTask.FromResult(SqliteMetadataStore.ProtectionRulesFor(c, tx, repository));

    public ValueTask<FloatingTagSettings> FloatingSettingsAsync(CancellationToken ct)
        => ValueTask.FromResult(SqliteMetadataStore.FloatingSettings(c, tx, repository));

    public ValueTask BumpVersionAsync(CancellationToken ct)
    {
        c.Execute(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId }, tx);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long?> QuotaBytesAsync(string ns, CancellationToken ct)
        => ValueTask.FromResult(c.QuerySingleOrDefault<QuotaRow>(UsageSql.Quota, new { Ns = ns }, tx)?.Bytes);

    public ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlySet<string>>(
            c.Query<string>(SqliteSql.UsedInNamespace, new { Ns = ns, Prefix = ns + "/", Upper = ns + "0", Digests = digests }, tx).ToHashSet(StringComparer.Ordinal));

    public ValueTask<long> NamespaceBytesAsync(string ns, CancellationToken ct)
        => ValueTask.FromResult(c.QuerySingle<UsageRow>(UsageSql.NamespaceUsage, Namespace(ns), tx).Bytes);

    private object Tag(string tag) => new { RepositoryId = repositoryId, Tag = tag };

    private object Manifest(string digest) => new { RepositoryId = repositoryId, Digest = digest };
}
