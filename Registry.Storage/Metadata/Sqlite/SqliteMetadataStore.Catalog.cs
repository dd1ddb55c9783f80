using Microsoft.Data.Sqlite;
using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The catalog (<see cref="ICatalogStore"/>). Tag changes enter the change sequence through the triggers of migration
/// 0007, inside the transaction that changes the tag; what is here reads the catalog and writes details and pull counts.
/// </summary>
internal sealed partial class SqliteMetadataStore : ICatalogStore
{
    public ValueTask<CatalogVersion> GetCatalogVersionAsync(CatalogView view, CancellationToken ct)
    {
        CatalogVersion version = Read(c =>
        {
            if (view.IsEverything)
            {
                return ToVersion(c.QuerySingle<(long, long, long)>(CatalogSql.State));
            }

            var total = new CatalogVersion(0, 0, 0);
            foreach (NameRange range in view.Ranges)
            {
                total = CatalogRows.Add(total, ToVersion(c.QuerySingle<(long, long, long)>(CatalogSql.RangeVersion, new { range.From, range.To })));
            }

            return total;
        });
        return ValueTask.FromResult(version);
    }

    public ValueTask<IReadOnlyList<CatalogEntry>> ListCatalogAsync(CatalogView view, TagPattern tags, CatalogPosition? after, int limit, CancellationToken ct)
    {
        List<CatalogRow> rows = Read(c =>
        {
            var found = new List<CatalogRow>(Math.Min(limit, 1024));
            foreach (CatalogPageQuery query in CatalogPageQuery.For(view, after))
            {
                if (found.Count >= limit)
                {
                    break;
                }

                found.AddRange(c.Query<CatalogRow>(query.WithinRepository ? SqliteSql.CatalogPageWithinRepository : SqliteSql.CatalogPage, new
                {
                    query.From,
                    query.To,
                    AfterRepository = query.Repository,
                    query.AfterTag,
                    Pattern = tags.Glob,
                    Limit = limit - found.Count,
                }));
            }

            return found;
        });
        return ValueTask.FromResult(CatalogRows.ToEntries(rows));
    }

    public ValueTask<IReadOnlyList<CatalogChange>> ListCatalogChangesAsync(long since, TagPattern tags, int limit, CancellationToken ct)
    {
        List<CatalogRow> rows = Read(c => c.Query<CatalogRow>(SqliteSql.Catalog.Changes, new { Since = since, Pattern = tags.Glob, Limit = limit }).AsList());
        return ValueTask.FromResult(CatalogRows.ToChanges(rows));
    }

    public ValueTask<IReadOnlyList<ManifestDetails?>> SaveManifestDetailsAsync(IReadOnlyList<ManifestDetailsWrite> details, CancellationToken ct)
    {
        if (details.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<ManifestDetails?>>([]);
        }

        return WriteAsync<IReadOnlyList<ManifestDetails?>>((c, tx) =>
        {
            var saved = new ManifestDetails?[details.Count];
            for (int i = 0; i < saved.Length; i++)
            {
                ManifestDetailsWrite write = details[i];
                long? repositoryId = RepositoryId(c, write.Repository.Value, tx);
                if (repositoryId is null)
                {
                    continue;
                }

                c.Execute(SqliteSql.Catalog.InsertManifestDetails, WriteParameters.ManifestDetails(repositoryId.Value, write), tx);
                foreach ((long size, string? platforms, string? labels) in c.Query<(long, string?, string?)>(CatalogSql.ManifestDetails, new { Digest = write.Digest.Value }, tx))
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

        await WriteAsync((c, tx) =>
        {
            c.Execute(CatalogSql.BumpVersion, transaction: tx);
            foreach (PullCount pull in pulls)
            {
                var row = new { Repository = pull.Repository.Value, Digest = pull.Digest.Value, pull.Count, At = pull.LastPulledAt.ToUnixTimeMilliseconds() };
                if (c.Execute(SqliteSql.AddPulls, row, tx) > 0)
                {
                    c.Execute(SqliteSql.BumpRepositoryCatalogVersion, row, tx);
                }
            }

            return 0;
        }, ct);
    }

    private static CatalogVersion ToVersion((long Repositories, long Version, long ChangeSequence) row) => new(row.Repositories, row.Version, row.ChangeSequence);
}
