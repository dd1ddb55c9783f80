using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>A tag a run deletes (or a dry run would), and the manifest it pointed at.</summary>
public sealed record PlannedTag(string Name, Digest Digest);
