using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Retention;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>An <c>artifact_retention</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class ArtifactRetentionRow
{
    public const string Columns = """
        repository AS Repository, rules AS Rules, keep_properties AS KeepProperties, updated_by AS UpdatedBy, updated_at AS UpdatedAt,
        schedule AS Schedule, enabled AS Enabled, last_scheduled_at AS LastScheduledAt
        """;

    public string Repository { get; set; } = string.Empty;

    public string Rules { get; set; } = string.Empty;

    public string KeepProperties { get; set; } = string.Empty;

    public string UpdatedBy { get; set; } = string.Empty;

    public long UpdatedAt { get; set; }

    public string? Schedule { get; set; }

    public bool Enabled { get; set; }

    public long? LastScheduledAt { get; set; }

    /// <summary>What a write stores; when it last ran on schedule is the store's to keep.</summary>
    public static object Parameters(string key, ArtifactRetentionPolicy policy) => new
    {
        Key = key,
        Rules = RetentionJson.Rules(policy.Rules),
        KeepProperties = System.Text.Json.JsonSerializer.Serialize([.. policy.KeepProperties], RetentionJsonContext.Default.StringArray),
        policy.UpdatedBy,
        UpdatedAt = policy.UpdatedAt.ToUnixTimeMilliseconds(),
        policy.Schedule,
        policy.Enabled,
    };

    public ArtifactRetentionPolicy ToPolicy() => new(
        RetentionJson.ReadRules(Rules),
        System.Text.Json.JsonSerializer.Deserialize(KeepProperties, RetentionJsonContext.Default.StringArray) ?? [],
        UpdatedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        Schedule,
        Enabled,
        LastScheduledAt is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null);

    public ScheduledArtifactRetention ToScheduled() => new(Repository, ToPolicy());
}
