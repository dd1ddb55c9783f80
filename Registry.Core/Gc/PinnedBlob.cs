namespace Registry.Core.Gc;

/// <summary>A blob a repository may serve, with the time until which collection leaves it alone (null: never pinned).</summary>
public sealed record PinnedBlob(long Size, DateTimeOffset? PinnedUntil);
