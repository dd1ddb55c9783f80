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
    /// The source repositories the filter takes that <paramref name="earlier"/> runs of the rule carried, in ordinal
    /// order: a run of the whole rule reconciles them too, so a repository emptied or deleted at the source is still seen.
    /// </summary>
    public static IReadOnlyList<string> RememberedRepositories(IEnumerable<ReplicationRun> earlier, TransferFilter filter)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(filter);
        return [.. earlier.SelectMany(r => r.Items).Select(i => i.Repository).Where(filter.TakesRepository).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
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
