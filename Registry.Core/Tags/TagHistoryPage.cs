namespace Registry.Core.Tags;

/// <param name="RepositoryExists">False when the repository is unknown.</param>
/// <param name="Entries">Newest first.</param>
/// <param name="NextBefore">The <c>before</c> cursor of the next (older) page; null when this is the last.</param>
public sealed record TagHistoryPage(bool RepositoryExists, IReadOnlyList<TagHistoryEntry> Entries, long? NextBefore);
