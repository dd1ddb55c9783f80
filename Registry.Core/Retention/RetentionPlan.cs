namespace Registry.Core.Retention;

/// <summary>
/// What a policy deletes across its repositories, and the blobs no manifest in any repository would use afterwards
/// (their bytes are what the garbage collector then reclaims).
/// </summary>
public sealed record RetentionPlan(IReadOnlyList<RepositoryPlan> Repositories, IReadOnlyList<FreedBlob> FreedBlobs)
{
    public long BytesFreed => FreedBlobs.Sum(b => b.Size);
}
