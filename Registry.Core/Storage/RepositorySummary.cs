namespace Registry.Core.Storage;

/// <summary>A repository with how many tags it has and when one last moved (null without tags).</summary>
public sealed record RepositorySummary(string Name, long Tags, DateTimeOffset? LastPushedAt);
