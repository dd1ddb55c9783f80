using System.Text.RegularExpressions;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// Works out what a policy deletes in one repository from a snapshot of it. Tags: those the rules do not keep,
/// unless a protection rule covers them. Manifests: every manifest that nothing keeps, where a manifest is kept when
/// a kept tag points at it, when it is untagged and stands alone (neither listed by an index nor a referrer of a
/// manifest in the repository) and the policy does not delete untagged manifests of its age, or when a kept index
/// lists it or it refers to a kept manifest (signatures, SBOMs), recursively. So referrers and children of deleted
/// manifests go with them, and those of kept manifests stay. Attachments that cosign stores as tags
/// (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c> naming a manifest of the repository) are treated as
/// referrers of that manifest: the rules do not see them; they stay while it stays and go with it.
/// </summary>
public static partial class RetentionPlanner
{
    public static RepositoryPlan Plan(
        RepositoryName repository,
        RetentionSnapshot snapshot,
        IReadOnlyList<IKeepRule> rules,
        TimeSpan? untaggedOlderThan,
        IReadOnlyList<TagProtectionRule> protection,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var manifests = snapshot.Manifests.ToDictionary(m => m.Digest);

        // Attachments in cosign's tag scheme follow their image: the rules do not see them.
        var attached = new Dictionary<string, Digest>(StringComparer.Ordinal);
        var candidates = new List<RetentionCandidate>(snapshot.Tags.Count);
        var keptAttachments = new List<string>();
        foreach (SnapshotTag tag in snapshot.Tags)
        {
            bool isProtected = TagProtection.CheckDelete(protection, repository, tag.Name) is not null;
            if (AttachmentTarget(tag.Name) is { } target && manifests.ContainsKey(target))
            {
                attached[tag.Name] = target;
                if (isProtected)
                {
                    keptAttachments.Add(tag.Name);
                }
            }
            else
            {
                candidates.Add(new RetentionCandidate(tag.Name, tag.PushedAt, tag.PulledAt, isProtected));
            }
        }

        HashSet<string> keptNames = KeepRules.Evaluate(rules, candidates, now);
        keptNames.UnionWith(keptAttachments);
        var tagged = snapshot.Tags.Select(t => t.Digest).ToHashSet();
        var keptTagged = snapshot.Tags.Where(t => keptNames.Contains(t.Name)).Select(t => t.Digest).ToHashSet();
        var listedByIndex = snapshot.Manifests.SelectMany(m => m.Children).ToHashSet();
        var referrers = snapshot.Manifests
            .Where(m => m.Subject is { } s && manifests.ContainsKey(s))
            .Select(m => (Subject: m.Subject!.Value, m.Digest))
            .Concat(snapshot.Tags.Where(t => attached.ContainsKey(t.Name)).Select(t => (Subject: attached[t.Name], t.Digest)))
            .ToLookup(r => r.Subject, r => r.Digest);

        var kept = new HashSet<Digest>();
        var pending = new Stack<Digest>();
        foreach (SnapshotManifest manifest in snapshot.Manifests)
        {
            bool anchored = tagged.Contains(manifest.Digest)
                ? keptTagged.Contains(manifest.Digest)
                : StandsAlone(manifest, manifests, listedByIndex) && !(untaggedOlderThan is { } age && manifest.CreatedAt < now - age);
            if (anchored && kept.Add(manifest.Digest))
            {
                pending.Push(manifest.Digest);
            }
        }

        while (pending.TryPop(out Digest digest))
        {
            IEnumerable<Digest> dependents = manifests.TryGetValue(digest, out SnapshotManifest? m) ? m.Children : [];
            foreach (Digest next in dependents.Concat(referrers[digest]))
            {
                if (manifests.ContainsKey(next) && kept.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        keptNames.UnionWith(attached.Where(a => kept.Contains(a.Value)).Select(a => a.Key));
        var deletedTags = snapshot.Tags
            .Where(t => !keptNames.Contains(t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new PlannedTag(t.Name, t.Digest))
            .ToList();

        var deleted = snapshot.Manifests.Where(m => !kept.Contains(m.Digest)).ToList();
        List<PlannedManifest> ordered = Order(deleted)
            .Select(m => new PlannedManifest(m.Digest, m.MediaType, m.Size, Reason(m, tagged, manifests, listedByIndex)))
            .ToList();
        return new RepositoryPlan(repository, snapshot.Tags.Count - deletedTags.Count, deletedTags, ordered);
    }

    /// <summary>The manifest a cosign tag-scheme attachment (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>) belongs to.</summary>
    private static Digest? AttachmentTarget(string tag)
        => AttachmentTag().Match(tag) is { Success: true } match ? Digest.Parse("sha256:" + match.Groups[1].Value) : null;

    [GeneratedRegex(@"\Asha256-([0-9a-f]{64})\.(?:sig|att|sbom)\z", RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentTag();

    /// <summary>Untagged, listed by no index, and not a referrer of a manifest in the repository.</summary>
    private static bool StandsAlone(SnapshotManifest manifest, Dictionary<Digest, SnapshotManifest> manifests, HashSet<Digest> listedByIndex)
        => !listedByIndex.Contains(manifest.Digest) && !(manifest.Subject is { } subject && manifests.ContainsKey(subject));

    private static string Reason(SnapshotManifest manifest, HashSet<Digest> tagged, Dictionary<Digest, SnapshotManifest> manifests, HashSet<Digest> listedByIndex)
        => tagged.Contains(manifest.Digest) ? "tags-deleted"
            : manifest.Subject is { } subject && manifests.ContainsKey(subject) ? "referrer"
            : listedByIndex.Contains(manifest.Digest) ? "child"
            : "untagged";

    /// <summary>
    /// Referrers before their subject and indexes before their children (Kahn's order over those edges), ties by
    /// digest, so the order is the same on every run of the same snapshot.
    /// </summary>
    private static List<SnapshotManifest> Order(List<SnapshotManifest> deleted)
    {
        var byDigest = deleted.ToDictionary(m => m.Digest);
        var incoming = deleted.ToDictionary(m => m.Digest, _ => 0);
        foreach (SnapshotManifest manifest in deleted)
        {
            foreach (Digest target in Targets(manifest, byDigest))
            {
                incoming[target]++;
            }
        }

        var ready = new SortedSet<string>(incoming.Where(p => p.Value == 0).Select(p => p.Key.Value), StringComparer.Ordinal);
        var ordered = new List<SnapshotManifest>(deleted.Count);
        while (ready.Count > 0)
        {
            string next = ready.Min!;
            ready.Remove(next);
            SnapshotManifest manifest = byDigest[Digest.Parse(next)];
            ordered.Add(manifest);
            foreach (Digest target in Targets(manifest, byDigest))
            {
                if (--incoming[target] == 0)
                {
                    ready.Add(target.Value);
                }
            }
        }

        // Content addressing rules out cycles; should a store ever hold one, its manifests still go, by digest.
        var done = ordered.Select(m => m.Digest).ToHashSet();
        ordered.AddRange(deleted.Where(m => !done.Contains(m.Digest)).OrderBy(m => m.Digest.Value, StringComparer.Ordinal));
        return ordered;
    }

    /// <summary>The deleted manifests that must go after this one: its children and its subject.</summary>
    private static IEnumerable<Digest> Targets(SnapshotManifest manifest, Dictionary<Digest, SnapshotManifest> deleted)
    {
        foreach (Digest child in manifest.Children.Distinct())
        {
            if (deleted.ContainsKey(child) && child != manifest.Digest)
            {
                yield return child;
            }
        }

        if (manifest.Subject is { } subject && deleted.ContainsKey(subject) && subject != manifest.Digest && !manifest.Children.Contains(subject))
        {
            yield return subject;
        }
    }
}
