namespace Registry.Core.Preheat;

/// <summary>A preheat as a caller asks for it: a repository and a tag (or digest), the edges by name (all when empty) and the platforms (all when empty).</summary>
public sealed record PreheatRequest(string? Repository, string? Reference, IReadOnlyList<string>? Edges, IReadOnlyList<string>? Platforms);
