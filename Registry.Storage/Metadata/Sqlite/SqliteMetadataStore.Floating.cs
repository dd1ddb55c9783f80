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

    private static FloatingTagSettings FloatingSettings(SqliteConnection c, SqliteTransaction? tx, RepositoryName repository)
        => c.QuerySingleOrDefault<FloatingSettingsRow>(TagSql.FloatingSettings, new { Repository = repository.Value }, tx)?.ToRecord()
            ?? FloatingTagSettings.Off;

    /// <summary>
    /// After <paramref name="pushedTag"/> moved to <paramref name="digest"/> (in the caller's transaction): moves the
    /// floating tags the planner names, skipping those an immutable rule covers, and adds them to <paramref name="stored"/>.
    /// </summary>
    private static PutManifestResult FloatTags(
        SqliteConnection c, SqliteTransaction tx, RepositoryName repository, long repositoryId, string pushedTag, string digest, long now,
        IReadOnlyList<TagProtectionRule> rules, PutManifestResult stored)
    {
        if (!SemanticVersion.TryParse(pushedTag, out SemanticVersion? version) || !version.IsRelease)
        {
            return stored;
        }

        FloatingTagSettings settings = FloatingSettings(c, tx, repository);
        if (!settings.FloatingTags)
        {
            return stored;
        }

        IReadOnlyList<string> plan = FloatingTagPlanner.Plan(pushedTag, c.Query<string>(TagSql.TagNames, new { RepositoryId = repositoryId }, tx), settings);
        var moved = new List<TagMove>(plan.Count);
        var skipped = new List<TagProtectionViolation>();
        foreach (string floating in plan)
        {
            (string? old, TagProtectionViolation? refused) = MoveTag(c, tx, repository, repositoryId, floating, digest, now, FloatingTagPlanner.Actor, restore: false, rules);
            if (refused is not null)
            {
                skipped.Add(refused);
            }
            else if (old != digest)
            {
                moved.Add(new TagMove(floating, old, digest));
            }
        }

        return stored with { Floated = moved, FloatSkipped = skipped };
    }
}
