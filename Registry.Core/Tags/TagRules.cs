using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Tags;

/// <summary>
/// The rules of every tag change, written once for both metadata stores: protection (<see cref="TagProtection"/>),
/// history (one entry per change, with its actor), floating tags (<see cref="FloatingTagPlanner"/>) and the tag list's
/// version. They run inside the transaction of the change, over <see cref="ITagRows"/>, so what they read is what
/// they write against; a refusal returns before anything is written, and the caller's transaction rolls back what
/// it wrote before.
/// </summary>
public static class TagRules
{
    /// <summary>
    /// Whether pushing <paramref name="tag"/> may move floating tags (a release version). A push that may reads the
    /// floating-tag settings first, before it locks anything.
    /// </summary>
    public static bool MayFloat(string? tag)
        => tag is not null && SemanticVersion.TryParse(tag, out SemanticVersion? version) && version.IsRelease;

    /// <summary>
    /// Points the pushed tag at the manifest just stored, then the floating tags that follow it, and counts the
    /// change. <see cref="PutManifestStatus.TagProtected"/> when an immutable rule covers the tag (nothing written
    /// here; the caller rolls back the manifest). Floating tags an immutable rule covers stay, listed as skipped.
    /// <paramref name="floating"/> is the repository's settings when <see cref="MayFloat"/> holds for the tag, else
    /// <see cref="FloatingTagSettings.Off"/>.
    /// </summary>
    public static async ValueTask<PutManifestResult> PointPushedTagAsync(
        ITagRows rows, string tag, string digest, string? actor, FloatingTagSettings floating, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(floating);
        IReadOnlyList<TagProtectionRule> rules = await rows.ProtectionRulesAsync(ct).ConfigureAwait(false);
        TagMoveOutcome pushed = await MoveAsync(rows, tag, digest, actor, restore: false, rules, ct).ConfigureAwait(false);
        if (pushed.Refused is not null)
        {
            return PutManifestResult.Protected(pushed.Refused);
        }

        PutManifestResult stored = PutManifestResult.Stored(pushed.Old);
        if (floating.FloatingTags)
        {
            stored = await FloatAsync(rows, tag, digest, rules, floating, stored, ct).ConfigureAwait(false);
        }

        if (pushed.Changed || stored.Floated.Count > 0)
        {
            await rows.BumpVersionAsync(ct).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// Points the tag at <paramref name="digest"/> and records the change with its actor, unless an immutable rule
    /// among <paramref name="rules"/> forbids moving it (then nothing is written). Creating a tag, or pointing it where
    /// it points already, is never refused; the latter writes nothing. Does not count the change (the caller does, last).
    /// </summary>
    public static async ValueTask<TagMoveOutcome> MoveAsync(
        ITagRows rows, string tag, string digest, string? actor, bool restore, IReadOnlyList<TagProtectionRule> rules, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string? old = await rows.ClaimAsync(tag, digest, ct).ConfigureAwait(false);
        if (old is null)
        {
            await rows.RecordAsync(tag, null, digest, actor, restore ? TagChangeKind.Restored : TagChangeKind.Created, ct).ConfigureAwait(false);
            return new TagMoveOutcome(null, true, null);
        }

        if (old == digest)
        {
            return new TagMoveOutcome(old, false, null);
        }

        TagChangeKind kind = restore ? TagChangeKind.Restored : TagChangeKind.Moved;
        if (TagProtection.CheckMove(rules, rows.Repository, tag, old, digest, kind) is { } refused)
        {
            return new TagMoveOutcome(old, false, refused);
        }

        await rows.RepointAsync(tag, digest, ct).ConfigureAwait(false);
        await rows.RecordAsync(tag, old, digest, actor, kind, ct).ConfigureAwait(false);
        return new TagMoveOutcome(old, true, null);
    }

    /// <summary>Deletes the tag unless a protection rule covers it; records the deletion and counts the change.</summary>
    public static async ValueTask<DeleteResult> DeleteAsync(ITagRows rows, string tag, string? actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (TagProtection.CheckDelete(await rows.ProtectionRulesAsync(ct).ConfigureAwait(false), rows.Repository, tag) is { } refused)
        {
            return await rows.TargetAsync(tag, ct).ConfigureAwait(false) is null ? DeleteResult.NotFound : DeleteResult.Refused(refused);
        }

        if (await rows.RemoveAsync(tag, ct).ConfigureAwait(false) is not { } old)
        {
            return DeleteResult.NotFound;
        }

        await rows.RecordAsync(tag, old, null, actor, TagChangeKind.Deleted, ct).ConfigureAwait(false);
        await rows.BumpVersionAsync(ct).ConfigureAwait(false);
        return DeleteResult.Deleted;
    }

    /// <summary>
    /// Points the tag back at a manifest the caller found in the repository (creating the tag when it was deleted),
    /// unless an immutable rule covers it; records a <see cref="TagChangeKind.Restored"/> entry and counts the change.
    /// </summary>
    public static async ValueTask<TagRestoreResult> RestoreAsync(ITagRows rows, string tag, string digest, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        IReadOnlyList<TagProtectionRule> rules = await rows.ProtectionRulesAsync(ct).ConfigureAwait(false);
        TagMoveOutcome move = await MoveAsync(rows, tag, digest, actor, restore: true, rules, ct).ConfigureAwait(false);
        if (move.Changed)
        {
            await rows.BumpVersionAsync(ct).ConfigureAwait(false);
        }

        TagRestoreStatus status = move.Refused is not null ? TagRestoreStatus.Protected : move.Changed ? TagRestoreStatus.Restored : TagRestoreStatus.Unchanged;
        return new TagRestoreResult(status, move.Old, move.Refused);
    }

    /// <summary>
    /// Before a manifest is deleted: deletes the tags pointing at it, recording each (by name), unless a protection
    /// rule covers one of them (then none is deleted). Does not count the change: the caller does, last, when
    /// <see cref="ManifestUntagging.Deleted"/> is above zero.
    /// </summary>
    public static async ValueTask<ManifestUntagging> UntagManifestAsync(ITagRows rows, string digest, string? actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        IReadOnlyList<string> tags = await rows.TagsOfAsync(digest, ct).ConfigureAwait(false);
        if (tags.Count == 0)
        {
            return new ManifestUntagging(0, null);
        }

        IReadOnlyList<TagProtectionRule> rules = await rows.ProtectionRulesAsync(ct).ConfigureAwait(false);
        foreach (string tag in tags)
        {
            if (TagProtection.CheckDelete(rules, rows.Repository, tag) is { } refused)
            {
                return new ManifestUntagging(0, refused);
            }
        }

        foreach (string tag in tags)
        {
            await rows.RecordAsync(tag, digest, null, actor, TagChangeKind.Deleted, ct).ConfigureAwait(false);
        }

        await rows.RemoveTagsOfAsync(digest, ct).ConfigureAwait(false);
        return new ManifestUntagging(tags.Count, null);
    }

    /// <summary>
    /// After <paramref name="pushedTag"/> moved to <paramref name="digest"/>: moves the floating tags the planner names,
    /// skipping those an immutable rule covers, and adds them to <paramref name="stored"/>.
    /// </summary>
    private static async ValueTask<PutManifestResult> FloatAsync(
        ITagRows rows, string pushedTag, string digest, IReadOnlyList<TagProtectionRule> rules, FloatingTagSettings settings, PutManifestResult stored, CancellationToken ct)
    {
        IReadOnlyList<string> plan = FloatingTagPlanner.Plan(pushedTag, await rows.NamesAsync(ct).ConfigureAwait(false), settings);
        var moved = new List<TagMove>(plan.Count);
        var skipped = new List<TagProtectionViolation>();
        foreach (string floating in plan)
        {
            TagMoveOutcome move = await MoveAsync(rows, floating, digest, FloatingTagPlanner.Actor, restore: false, rules, ct).ConfigureAwait(false);
            if (move.Refused is not null)
            {
                skipped.Add(move.Refused);
            }
            else if (move.Changed)
            {
                moved.Add(new TagMove(floating, move.Old, digest));
            }
        }

        return stored with { Floated = moved, FloatSkipped = skipped };
    }
}
