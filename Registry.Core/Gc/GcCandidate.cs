using Registry.Core.Primitives;

namespace Registry.Core.Gc;

/// <summary>A queued blob and its size (0 when its blob row is already gone).</summary>
public sealed record GcCandidate(Digest Digest, long Size, DateTimeOffset QueuedAt);
