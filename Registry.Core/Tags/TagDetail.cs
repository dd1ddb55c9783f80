using Registry.Core.Primitives;

namespace Registry.Core.Tags;

/// <summary>A tag, the manifest it points at, and when it was last pointed there (created, moved or restored).</summary>
public sealed record TagDetail(string Name, Digest Digest, DateTimeOffset PushedAt);
