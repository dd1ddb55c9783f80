using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// One run of an image policy: its plan (a unit per repository) and what deleting it did. A unit deletes the
/// repository's planned tags (<see cref="TagService.DeleteAsync"/>), then its planned manifests
/// (<see cref="Content.ManifestService.DeleteAsync"/>); what changed since planning is left alone and recorded as
/// skipped: a tag moved or protected since, a manifest tagged again since. Finishing measures the blobs freed.
/// </summary>
public sealed class ImageRetentionWork(
    RetentionPlan plan,
    IMetadataStore metadata,
    ITagStore tags,
    IRetentionStore store,
    TagService tagChanges,
    Content.ManifestService manifests) : IRetentionWork
{
    private readonly List<RunTag> _tags = [];
    private readonly List<RunManifest> _manifests = [];
    private readonly List<RunSkip> _skipped = [];

    public RetentionPlan Plan => plan;

    public IReadOnlyList<string> Units { get; } = [.. plan.Repositories.Select(r => r.Repository.Value)];

    /// <summary>What the run deleted (a dry run: would delete), and what freeing blobs it measured.</summary>
    public IReadOnlyList<FreedBlob> Freed { get; private set; } = [];

    /// <summary>The run's details (its errors given by the engine). A dry run lists the plan.</summary>
    public RetentionRunDetails Details(bool dryRun, IReadOnlyList<string> errors) => dryRun
        ? new RetentionRunDetails(
            [.. plan.Repositories.SelectMany(r => r.Tags.Select(t => new RunTag(r.Repository.Value, t.Name, t.Digest.Value)))],
            [.. plan.Repositories.SelectMany(r => r.Manifests.Select(m => Deleted(r.Repository, m)))],
            plan.FreedBlobs,
            [],
            errors)
        : new RetentionRunDetails(_tags, _manifests, Freed, _skipped, errors);

    public async Task ApplyAsync(int index, Actor actor, CancellationToken ct)
    {
        RepositoryPlan unit = plan.Repositories[index];
        string repository = unit.Repository.Value;
        foreach (PlannedTag tag in unit.Tags)
        {
            TagName name = TagName.Parse(tag.Name);
            ManifestRecord? current = await metadata.ResolveTagAsync(unit.Repository, name, ct);
            if (current?.Digest != tag.Digest)
            {
                _skipped.Add(new RunSkip(repository, tag.Name, current is null ? "deleted meanwhile" : $"moved to {current.Digest} meanwhile"));
                continue;
            }

            DeleteResult result = await tagChanges.DeleteAsync(actor, unit.Repository, name, ct);
            switch (result.Status)
            {
                case DeleteStatus.Deleted:
                    _tags.Add(new RunTag(repository, tag.Name, tag.Digest.Value));
                    break;
                case DeleteStatus.Protected:
                    _skipped.Add(new RunSkip(repository, tag.Name, $"protected by {result.Violation?.Rule.Describe()}"));
                    break;
                default:
                    _skipped.Add(new RunSkip(repository, tag.Name, "deleted meanwhile"));
                    break;
            }
        }

        if (unit.Manifests.Count == 0)
        {
            return;
        }

        // Manifests tagged again since the plan (or whose tag deletion was refused) stay, with those tags.
        IReadOnlyList<TagDetail> remaining = await tags.ListTagDetailsAsync(unit.Repository, ct) ?? [];
        var tagged = remaining.Select(t => t.Digest).ToHashSet();
        foreach (PlannedManifest manifest in unit.Manifests)
        {
            if (tagged.Contains(manifest.Digest))
            {
                _skipped.Add(new RunSkip(repository, manifest.Digest.Value, "tagged"));
                continue;
            }

            DeleteResult result = await manifests.DeleteAsync(actor, unit.Repository, manifest.Digest, ct);
            if (result.Status == DeleteStatus.Deleted)
            {
                _manifests.Add(Deleted(unit.Repository, manifest));
            }
            else
            {
                _skipped.Add(new RunSkip(repository, manifest.Digest.Value, result.Status == DeleteStatus.Protected ? "tagged with a protected tag" : "deleted meanwhile"));
            }
        }
    }

    /// <summary>A dry run frees what the plan measured; a real run what no manifest uses now (a blob of a skipped manifest, or one a push started using meanwhile, was not freed after all).</summary>
    public async Task FinishAsync(Actor actor, bool dryRun, CancellationToken ct)
    {
        if (dryRun)
        {
            Freed = plan.FreedBlobs;
            return;
        }

        if (plan.FreedBlobs.Count > 0 && _manifests.Count > 0)
        {
            IReadOnlySet<string> inUse = await store.ListBlobsInUseAsync([.. plan.FreedBlobs.Select(b => b.Digest)], ct);
            Freed = [.. plan.FreedBlobs.Where(b => !inUse.Contains(b.Digest))];
        }
    }

    private static RunManifest Deleted(RepositoryName repository, PlannedManifest manifest)
        => new(repository.Value, manifest.Digest.Value, manifest.MediaType, manifest.Size, manifest.Reason);
}
