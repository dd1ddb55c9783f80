using Microsoft.Data.Sqlite;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<FloatingTagSettings> GetFloatingTagSettingsAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => FloatingSettings(c, null, repository)));

    public async ValueTask SetFloatingTagSettingsAsync(RepositoryName repository, FloatingTagSettings settings, string actor, CancellationToken ct)
    {
        long now = NowMs();
        await WriteAsync((c, tx) => c.Execute(TagSql.UpsertFloatingSettings, new
        {
            Repository = repository.Value,
            settings.FloatingTags,
            settings.FloatLatest,
            Actor = actor,
            Now = now,
        }, tx), ct);
    }

    internal static FloatingTagSettings FloatingSettings(SqliteConnection c, SqliteTransaction? tx, RepositoryName repository)
        => c.QuerySingleOrDefault<FloatingSettingsRow>(TagSql.FloatingSettings, new { Repository = repository.Value }, tx)?.ToRecord()
            ?? FloatingTagSettings.Off;
}
