using Npgsql;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<FloatingTagSettings> GetFloatingTagSettingsAsync(RepositoryName repository, CancellationToken ct)
        => await ReadAsync(c => FloatingSettingsAsync(c, null, repository, ct), ct);

    public async ValueTask SetFloatingTagSettingsAsync(RepositoryName repository, FloatingTagSettings settings, string actor, CancellationToken ct)
    {
        long now = NowMs();
        await WriteAsync((c, tx) => c.ExecuteAsync(Command(TagSql.UpsertFloatingSettings, new
        {
            Repository = repository.Value,
            settings.FloatingTags,
            settings.FloatLatest,
            Actor = actor,
            Now = now,
        }, tx, ct)), ct);
    }

    internal static async Task<FloatingTagSettings> FloatingSettingsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RepositoryName repository, CancellationToken ct)
        => (await c.QuerySingleOrDefaultAsync<FloatingSettingsRow>(Command(TagSql.FloatingSettings, new { Repository = repository.Value }, tx, ct)))?.ToRecord()
            ?? FloatingTagSettings.Off;

    /// <summary>
    /// At the start of a push's transaction: when the pushed tag is a release and the repository floats tags, takes
    /// the repository's floating lock (see <see cref="PostgresSql.LockFloating"/>) and returns the settings; else
    /// <see cref="FloatingTagSettings.Off"/> without locking anything.
    /// </summary>
    private static async Task<FloatingTagSettings> BeginFloatingAsync(NpgsqlConnection c, NpgsqlTransaction tx, RepositoryName repository, TagName? tag, CancellationToken ct)
    {
        if (!TagRules.MayFloat(tag?.Value))
        {
            return FloatingTagSettings.Off;
        }

        FloatingTagSettings settings = await FloatingSettingsAsync(c, tx, repository, ct);
        if (settings.FloatingTags)
        {
            await c.ExecuteAsync(Command(PostgresSql.LockFloating, new { Class = PostgresSql.FloatingLockClass, Repository = repository.Value }, tx, ct));
        }

        return settings;
    }
}
