using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>
/// What a policy deletes in one repository: tags by name, and manifests in an order that deletes referrers and
/// indexes before what they point at, so no remaining manifest ever points at a deleted one.
/// </summary>
public sealed record RepositoryPlan(RepositoryName Repository, int TagsKept, IReadOnlyList<PlannedTag> Tags, IReadOnlyList<PlannedManifest> Manifests)
{
    public bool IsEmpty => Tags.Count == 0 && Manifests.Count == 0;
}
