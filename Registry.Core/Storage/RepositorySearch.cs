namespace Registry.Core.Storage;

/// <summary>Which repositories to list: names containing <paramref name="Contains"/> (ordinal), inside
/// <paramref name="Namespace"/> (the repository named like it and every one under <c>ns/</c>), after
/// <paramref name="After"/> in name order, at most <paramref name="Limit"/>; with <paramref name="Before"/>, the last
/// <paramref name="Limit"/> names before it (the page before a cursor).</summary>
public sealed record RepositorySearch(string? Contains, string? Namespace, string? After, int Limit, string? Before = null);
