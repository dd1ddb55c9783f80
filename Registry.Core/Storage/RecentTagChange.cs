using Registry.Core.Tags;

namespace Registry.Core.Storage;

/// <summary>One entry of a repository's tag history, with the repository it belongs to.</summary>
public sealed record RecentTagChange(string Repository, TagHistoryEntry Change);
