namespace Registry.Core.Events;

/// <summary>
/// Which events a webhook receives. A repository matches when no repository condition is set, or when it is in one of
/// <paramref name="Namespaces"/> (its first path component), is one of <paramref name="Repositories"/>, or matches
/// <paramref name="RepositoryPattern"/> (a regular expression over the whole name). An event matches when its
/// repository does and its action is in <paramref name="Actions"/> (empty: every action).
/// </summary>
public sealed record WebhookFilter(
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Repositories,
    string? RepositoryPattern,
    IReadOnlyList<string> Actions)
{
    public static WebhookFilter Everything { get; } = new([], [], null, []);
}
