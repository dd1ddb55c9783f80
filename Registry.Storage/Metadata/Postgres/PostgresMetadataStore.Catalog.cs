using System.Text;
using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The catalog (<see cref="ICatalogStore"/>). Tag changes enter the change sequence through the deferred trigger of
/// migration 0007, at the commit of the transaction that changes the tag; what is here reads the catalog and writes
/// details and pull counts.
/// </summary>
internal sealed partial class PostgresMetadataStore : ICatalogStore
{
    public ValueTask<CatalogVersion> GetCatalogVersionAsync(CatalogView view, CancellationToken ct)
        => ReadAsync(async c =>
        {
            if (view.IsEverything)
            {
                return ToVersion(await c.QuerySingleAsync<(long, long, long)>(Command(CatalogSql.State, null, null, ct)));
            }

            var total = new CatalogVersion(0, 0, 0);
            foreach (NameRange range in view.Ranges)
            {
                (long, long, long) row = await c.QuerySingleAsync<(long, long, long)>(Command(CatalogSql.RangeVersion, new { range.From, range.To }, null, ct));
                total = CatalogRows.Add(total, ToVersion(row));
            }

            return total;
        }, ct);

    public async ValueTask<IReadOnlyList<CatalogEntry>> ListCatalogAsync(CatalogView view, TagPattern tags, CatalogPosition? after, int limit, CancellationToken ct)
    {
        string pattern = ToLike(tags);
        List<CatalogRow> rows = await ReadAsync(async c =>
        {
            var found = new List<CatalogRow>(Math.Min(limit, 1024));
            foreach (CatalogPageQuery query in CatalogPageQuery.For(view, after))
            {
                if (found.Count >= limit)
                {
                    break;
                }

                found.AddRange(await c.QueryAsync<CatalogRow>(Command(query.WithinRepository ? PostgresSql.CatalogPageWithinRepository : PostgresSql.CatalogPage, new
                {
                    query.From,
                    query.To,
                    AfterRepository = KeysetStart(query.Repository),
                    AfterTag = KeysetStart(query.AfterTag),
                    Pattern = pattern,
                    Limit = (long)(limit - found.Count),
                }, null, ct)));
            }

            return found;
        }, ct);
        return CatalogRows.ToEntries(rows);
    }

    public async ValueTask<IReadOnlyList<CatalogChange>> ListCatalogChangesAsync(long since, TagPattern tags, int limit, CancellationToken ct)
    {
        List<CatalogRow> rows = await ReadAsync(async c => (await c.QueryAsync<CatalogRow>(Command(PostgresSql.Catalog.Changes,
            new { Since = since, Pattern = ToLike(tags), Limit = (long)limit }, null, ct))).AsList(), ct);
        return CatalogRows.ToChanges(rows);
    }

    public async ValueTask<IReadOnlyList<ManifestDetails?>> SaveManifestDetailsAsync(IReadOnlyList<ManifestDetailsWrite> details, CancellationToken ct)
    {
        if (details.Count == 0)
        {
            return [];
        }

        return await WriteAsync<IReadOnlyList<ManifestDetails?>>(async (c, tx) =>
        {
            var saved = new ManifestDetails?[details.Count];
            for (int i = 0; i < saved.Length; i++)
            {
                ManifestDetailsWrite write = details[i];
                long? repositoryId = await RepositoryIdAsync(c, write.Repository.Value, tx, ct);
                if (repositoryId is null)
                {
                    continue;
                }

                await c.ExecuteAsync(Command(PostgresSql.Catalog.InsertManifestDetails, WriteParameters.ManifestDetails(repositoryId.Value, write), tx, ct));
                foreach ((long size, string? platforms, string? labels) in await c.QueryAsync<(long, string?, string?)>(
                    Command(CatalogSql.ManifestDetails, new { Digest = write.Digest.Value }, tx, ct)))
                {
                    saved[i] = new ManifestDetails(size, platforms, labels);
                }
            }

            return saved;
        }, ct);
    }

    public async ValueTask RecordPullsAsync(IReadOnlyCollection<PullCount> pulls, CancellationToken ct)
    {
        if (pulls.Count == 0)
        {
            return;
        }

        var repositories = new string[pulls.Count];
        var digests = new string[pulls.Count];
        var counts = new long[pulls.Count];
        var ats = new long[pulls.Count];
        int i = 0;
        foreach (PullCount pull in pulls)
        {
            (repositories[i], digests[i], counts[i], ats[i]) = (pull.Repository.Value, pull.Digest.Value, pull.Count, pull.LastPulledAt.ToUnixTimeMilliseconds());
            i++;
        }

        await WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Command(CatalogSql.BumpVersion, null, tx, ct));
            return await c.ExecuteAsync(Command(PostgresSql.AddPulls, new { Repositories = repositories, Digests = digests, Counts = counts, Ats = ats }, tx, ct));
        }, ct);
    }

    /// <summary>
    /// The glob as a <c>LIKE</c> pattern: <c>*</c> is <c>%</c>, <c>?</c> is <c>_</c>, and a literal <c>_</c> is
    /// escaped (<c>\</c> is <c>LIKE</c>'s default escape; tags and globs hold neither it nor <c>%</c>).
    /// </summary>
    private static string ToLike(TagPattern pattern)
    {
        if (ReferenceEquals(pattern, TagPattern.Any))
        {
            return "%";
        }

        var like = new StringBuilder(pattern.Glob.Length + 4);
        foreach (char ch in pattern.Glob)
        {
            _ = ch switch
            {
                '*' => like.Append('%'),
                '?' => like.Append('_'),
                '_' => like.Append("\\_"),
                _ => like.Append(ch),
            };
        }

        return like.ToString();
    }

    private static CatalogVersion ToVersion((long Repositories, long Version, long ChangeSequence) row) => new(row.Repositories, row.Version, row.ChangeSequence);
}
