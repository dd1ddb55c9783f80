using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>
/// A manifest a run deletes (or a dry run would) and why: <c>untagged</c> (older than the policy allows),
/// <c>tags-deleted</c> (every tag of it goes), <c>referrer</c> (its subject goes), <c>child</c> (every index listing it goes).
/// </summary>
public sealed record PlannedManifest(Digest Digest, string MediaType, long Size, string Reason);
