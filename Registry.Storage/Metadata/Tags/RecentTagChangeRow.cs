using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Tags;

/// <summary>A <c>tag_history</c> row joined with its repository's name.</summary>
internal sealed class RecentTagChangeRow
{
    public const string Columns = "r.name AS repository, h.id, h.tag, h.old_digest, h.new_digest, h.actor, h.changed_at, h.kind";

    public string Repository { get; set; } = string.Empty;

    public long Id { get; set; }

    public string Tag { get; set; } = string.Empty;

    public string? OldDigest { get; set; }

    public string? NewDigest { get; set; }

    public string? Actor { get; set; }

    public long ChangedAt { get; set; }

    public int? Kind { get; set; }

    public RecentTagChange ToRecord() => new(Repository, new TagHistoryRow
    {
        Id = Id, Tag = Tag, OldDigest = OldDigest, NewDigest = NewDigest, Actor = Actor, ChangedAt = ChangedAt, Kind = Kind,
    }.ToRecord());
}
