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

    private static async Task<FloatingTagSettings> FloatingSettingsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RepositoryName repository, CancellationToken ct)
        => (await c.QuerySingleOrDefaultAsync<FloatingSettingsRow>(Command(TagSql.FloatingSettings, new { Repository = repository.Value }, tx, ct)))?.ToRecord()
            ?? FloatingTagSettings.Off;

    /// <summary>
    /// At the start of a push's transaction: when the pushed tag is a release and the repository floats tags, takes
    /// the repository's floating lock (see <see cref="PostgresSql.LockFloating"/>) and returns the settings; else
    /// <see cref="FloatingTagSettings.Off"/> without locking anything.
    /// </summary>
    private static async Task<FloatingTagSettings> BeginFloatingAsync(NpgsqlConnection c, NpgsqlTransaction tx, RepositoryName repository, TagName? tag, CancellationToken ct)
    {
        if (tag is null || !SemanticVersion.TryParse(tag.Value, out SemanticVersion? version) || !version.IsRelease)
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

    /// <summary>
    /// After <paramref name="pushedTag"/> moved to <paramref name="digest"/> (in the caller's transaction, which holds
    /// the floating lock): moves the floating tags the planner names, skipping those an immutable rule covers, and
    /// adds them to <paramref name="stored"/>. The caller bumps the tag version.
    /// </summary>
    private static async Task<PutManifestResult> FloatTagsAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, RepositoryName repository, long repositoryId, string pushedTag, string digest, long now,
        IReadOnlyList<TagProtectionRule> rules, FloatingTagSettings settings, PutManifestResult stored, CancellationToken ct)
    {
        if (!settings.FloatingTags)
        {
            return stored;
        }

        IEnumerable<string> names = await c.QueryAsync<string>(Command(TagSql.TagNames, new { RepositoryId = repositoryId }, tx, ct));
        IReadOnlyList<string> plan = FloatingTagPlanner.Plan(pushedTag, names, settings);
        var moved = new List<TagMove>(plan.Count);
        var skipped = new List<TagProtectionViolation>();
        foreach (string floating in plan)
        {
            (string? old, bool changed, TagProtectionViolation? refused) = await MoveTagAsync(
                c, tx, repository, repositoryId, floating, digest, now, FloatingTagPlanner.Actor, restore: false, rules, ct);
            if (refused is not null)
            {
                skipped.Add(refused);
            }
            else if (changed)
            {
                moved.Add(new TagMove(floating, old, digest));
            }
        }

        return stored with { Floated = moved, FloatSkipped = skipped };
    }
}
