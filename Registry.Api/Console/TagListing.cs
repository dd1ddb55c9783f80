namespace Registry.Api.Console;

/// <summary>
/// A page of a repository's tags with the number of tags that match and the cursors around it: <paramref name="Next"/>
/// is the cursor of the following page (the last tag shown); <paramref name="HasPrevious"/> says a page comes before,
/// whose cursor is <paramref name="Previous"/> (null when that page is the first).
/// </summary>
internal sealed record TagListing(bool RepositoryExists, IReadOnlyList<TagRow> Rows, string? Next, int Total, bool HasPrevious = false, string? Previous = null);
