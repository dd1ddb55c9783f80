namespace Registry.Api.Console;

/// <summary>A page of a repository's tags; <paramref name="Next"/> is the cursor of the following page (the last tag shown).</summary>
internal sealed record TagListing(bool RepositoryExists, IReadOnlyList<TagRow> Rows, string? Next, int? Total);
