namespace Registry.Core.Retention;

/// <summary>When a policy runs on its own: its cron <see cref="Schedule"/> (null: on demand only), whether it is enabled, when it last changed and last ran on schedule.</summary>
public sealed record RetentionTiming(string? Schedule, bool Enabled, DateTimeOffset UpdatedAt, DateTimeOffset? LastScheduledAt);
