using Registry.Core.Gc;
using Registry.Core.Primitives;

namespace Registry.Storage.Metadata.Gc;

/// <summary>A <c>gc_queue</c> entry with its blob's size, as Dapper fills it in either metadata store.</summary>
internal sealed class GcEntryRow
{
    public string Digest { get; set; } = string.Empty;

    public long Size { get; set; }

    public long QueuedAt { get; set; }

    /// <summary>The rows as candidates; a digest that does not parse (never written by this code) is skipped.</summary>
    public static IReadOnlyList<GcCandidate> ToCandidates(IEnumerable<GcEntryRow> rows)
    {
        var candidates = new List<GcCandidate>();
        foreach (GcEntryRow row in rows)
        {
            if (Core.Primitives.Digest.TryParse(row.Digest, out Digest digest))
            {
                candidates.Add(new GcCandidate(digest, row.Size, DateTimeOffset.FromUnixTimeMilliseconds(row.QueuedAt)));
            }
        }

        return candidates;
    }
}
