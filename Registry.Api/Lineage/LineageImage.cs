namespace Registry.Api.Lineage;

/// <summary>
/// An image built on a base tag: its repository, digest and tags, the base digest it was built on, and whether that
/// is the digest the base tag points at now (<c>current</c>) or an earlier one (<c>stale</c>: rebuild it).
/// </summary>
internal sealed record LineageImage(string Repository, string Digest, IReadOnlyList<string> Tags, string BaseDigest, string Status);
