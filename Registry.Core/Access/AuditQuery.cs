namespace Registry.Core.Access;

/// <summary>
/// A filter over the audit log; entries come newest first, older than the cursor <paramref name="BeforeId"/>, or,
/// with <paramref name="AfterId"/>, the oldest <paramref name="Limit"/> entries newer than it (the page before, still
/// newest first).
/// </summary>
/// <param name="Action">Matches the action exactly, or every action under it when it ends with <c>.*</c>.</param>
/// <param name="TargetPrefix">Matches targets that start with it.</param>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? TargetPrefix = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    bool? Success = null,
    long? BeforeId = null,
    int Limit = 100,
    long? AfterId = null);
