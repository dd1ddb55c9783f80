using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Tags;

/// <summary>A <c>tag_history</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class TagHistoryRow
{
    public const string Columns = "id, tag, old_digest, new_digest, actor, changed_at, kind";

    /// <summary>The repository's name, for queries across repositories (the latest changes); null otherwise.</summary>
    public string? Repository { get; set; }

    public long Id { get; set; }

    public string Tag { get; set; } = string.Empty;

    public string? OldDigest { get; set; }

    public string? NewDigest { get; set; }

    public string? Actor { get; set; }

    public long ChangedAt { get; set; }

    public int? Kind { get; set; }

    /// <summary>Rows from before kinds were recorded get theirs from the digests.</summary>
    public TagHistoryEntry ToRecord() => new(
        Id,
        Tag,
        OldDigest is null ? null : Digest.Parse(OldDigest),
        NewDigest is null ? null : Digest.Parse(NewDigest),
        Actor,
        DateTimeOffset.FromUnixTimeMilliseconds(ChangedAt),
        Kind is { } kind ? (TagChangeKind)kind
            : OldDigest is null ? TagChangeKind.Created
            : NewDigest is null ? TagChangeKind.Deleted
            : TagChangeKind.Moved);
}
