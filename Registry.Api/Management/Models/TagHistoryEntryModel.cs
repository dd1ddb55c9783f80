using Registry.Core.Tags;

namespace Registry.Api.Management.Models;

/// <summary>One tag change: <c>kind</c> created, moved, deleted or restored; digests before and after; who and when.</summary>
internal sealed record TagHistoryEntryModel(long Id, string Kind, string? OldDigest, string? NewDigest, string? Actor, DateTimeOffset At)
{
    public static TagHistoryEntryModel From(TagHistoryEntry entry) => new(
        entry.Id,
        entry.Kind switch
        {
            TagChangeKind.Created => "created",
            TagChangeKind.Moved => "moved",
            TagChangeKind.Deleted => "deleted",
            _ => "restored",
        },
        entry.OldDigest?.Value,
        entry.NewDigest?.Value,
        entry.Actor,
        entry.At);
}
