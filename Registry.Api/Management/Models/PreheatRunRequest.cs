namespace Registry.Api.Management.Models;

/// <summary>
/// A preheat: <c>repository</c> and <c>tag</c> (or <c>digest</c>), or a catalog <c>query</c> naming the tags; the
/// <c>edges</c> by name (all when omitted) and the <c>platforms</c> of an index to fetch (all when omitted).
/// </summary>
internal sealed record PreheatRunRequest(
    string? Repository, string? Tag, string? Digest, PreheatQueryRequest? Query, IReadOnlyList<string>? Edges, IReadOnlyList<string>? Platforms);
