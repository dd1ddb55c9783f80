using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>
/// One page of repositories in name order, how many match in all, and the cursors of the pages around it: the page
/// before ends before <paramref name="Before"/>, the page after starts after <paramref name="After"/> (null: none).
/// </summary>
internal sealed record RepositoryListPage(IReadOnlyList<RepositorySummary> Rows, long Total, string? Before, string? After);
