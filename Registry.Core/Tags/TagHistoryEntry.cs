using Registry.Core.Primitives;

namespace Registry.Core.Tags;

/// <param name="Id">Increases with every change; the <c>before</c> cursor of history pages.</param>
/// <param name="OldDigest">Where the tag pointed before; null when it was created (or restored after a deletion).</param>
/// <param name="NewDigest">Where it points after; null when it was deleted.</param>
/// <param name="Actor">Who made the change (user, <c>token:&lt;name&gt;</c>, <c>floating-tags</c>); null for changes recorded before actors were.</param>
public sealed record TagHistoryEntry(long Id, string Tag, Digest? OldDigest, Digest? NewDigest, string? Actor, DateTimeOffset At, TagChangeKind Kind);
