using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Which deletions a rule that propagates deletes carries, in either direction: the destination tags the filter
/// selects that the source no longer has. A tag the filter does not select is never touched. Pure, so the push and
/// pull runners share it.
/// </summary>
public static class ReplicationDeletes
{
    /// <summary>The tags of <paramref name="destinationTags"/> to delete, in ordinal order.</summary>
    public static IReadOnlyList<string> TagsToDelete(IEnumerable<string> sourceTags, IEnumerable<string> destinationTags, TransferFilter filter)
    {
        ArgumentNullException.ThrowIfNull(sourceTags);
        ArgumentNullException.ThrowIfNull(destinationTags);
        ArgumentNullException.ThrowIfNull(filter);
        var source = new HashSet<string>(sourceTags, StringComparer.Ordinal);
        return [.. destinationTags.Distinct(StringComparer.Ordinal).Where(t => filter.TakesTag(t) && !source.Contains(t)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// For a registry that deletes only by digest (which removes every tag pointing at it): the destination tag that
    /// stays and points at <paramref name="digest"/>, if any, which forbids deleting it that way; null when the digest
    /// may go. <paramref name="staying"/> maps each destination tag that is not being deleted to its digest.
    /// </summary>
    public static string? KeptBy(string digest, IReadOnlyDictionary<string, string> staying)
    {
        ArgumentNullException.ThrowIfNull(staying);
        return staying.Where(t => t.Value == digest).Select(t => t.Key).Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
