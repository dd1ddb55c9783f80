using Registry.Core.Retention;

namespace Registry.Storage.Metadata.Retention;

/// <summary>A <c>retention_policies</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class RetentionPolicyRow
{
    public const string Columns = """
        id AS Id, name AS Name, description AS Description, enabled AS Enabled, repositories AS Repositories, rules AS Rules,
        untagged_older_than AS UntaggedOlderThan, schedule AS Schedule, created_by AS CreatedBy, created_at AS CreatedAt,
        updated_by AS UpdatedBy, updated_at AS UpdatedAt, last_scheduled_at AS LastScheduledAt
        """;

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public bool Enabled { get; set; }

    public string Repositories { get; set; } = "[]";

    public string Rules { get; set; } = "[]";

    public long? UntaggedOlderThan { get; set; }

    public string? Schedule { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public long UpdatedAt { get; set; }

    public long? LastScheduledAt { get; set; }

    /// <summary>The parameters of the insert and update statements.</summary>
    public static object Parameters(RetentionPolicy policy) => new
    {
        policy.Id,
        policy.Name,
        policy.Description,
        policy.Enabled,
        Repositories = RetentionJson.Scopes(policy.Repositories),
        Rules = RetentionJson.Rules(policy.Rules),
        UntaggedOlderThan = policy.UntaggedOlderThan is { } age ? (long?)(long)age.TotalMilliseconds : null,
        policy.Schedule,
        policy.CreatedBy,
        CreatedAt = policy.CreatedAt.ToUnixTimeMilliseconds(),
        policy.UpdatedBy,
        UpdatedAt = policy.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    public RetentionPolicy ToRecord() => new(
        Id,
        Name,
        Description,
        Enabled,
        RetentionJson.ReadScopes(Repositories),
        RetentionJson.ReadRules(Rules),
        UntaggedOlderThan is { } age ? TimeSpan.FromMilliseconds(age) : null,
        Schedule,
        CreatedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        UpdatedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        LastScheduledAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
}
