using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>
/// Retention policies, what the planner reads of a repository, the blob accounting of a plan, and the run history.
/// The metadata stores implement it beside <see cref="Storage.IMetadataStore"/> (one instance serves both).
/// </summary>
public interface IRetentionStore
{
    /// <summary>
    /// Stores a new policy (its id, <c>updated*</c> and <c>last scheduled</c> fields are ignored); refused when the name is
    /// taken. Returns the policy as written with its new id, without reading it back (inside a change's transaction a
    /// read would not see it yet).
    /// </summary>
    ValueTask<RetentionPolicyWrite> CreatePolicyAsync(RetentionPolicy policy, CancellationToken ct);

    /// <summary>
    /// Replaces the policy with the same id, keeping who created it and when, and when it last ran on schedule. Returns
    /// <paramref name="policy"/> when written, without reading it back.
    /// </summary>
    ValueTask<RetentionPolicyWrite> UpdatePolicyAsync(RetentionPolicy policy, CancellationToken ct);

    ValueTask<RetentionPolicy?> GetPolicyAsync(long id, CancellationToken ct);

    ValueTask<RetentionPolicy?> GetPolicyByNameAsync(string name, CancellationToken ct);

    /// <summary>Every policy, by id.</summary>
    ValueTask<IReadOnlyList<RetentionPolicy>> ListPoliciesAsync(CancellationToken ct);

    /// <summary>Removes the policy; its runs stay in the history.</summary>
    ValueTask<bool> DeletePolicyAsync(long id, CancellationToken ct);

    /// <summary>
    /// Records that a scheduled run of the policy starts at <paramref name="at"/>, only if its last scheduled run is
    /// still <paramref name="previous"/>: of several nodes seeing the same due run, exactly one gets true.
    /// </summary>
    ValueTask<bool> ClaimScheduledRunAsync(long id, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct);

    /// <summary>The repository's tags (with pull times) and manifests (with subjects and index children), read in one snapshot; null when unknown.</summary>
    ValueTask<RetentionSnapshot?> GetRetentionSnapshotAsync(RepositoryName repository, CancellationToken ct);

    /// <summary>
    /// The blobs (manifest bytes, configs, layers) of the given manifests that no other manifest, in any repository,
    /// is or references: what deleting all of them frees. By digest.
    /// </summary>
    ValueTask<IReadOnlyList<FreedBlob>> ListFreedBlobsAsync(IReadOnlyCollection<ManifestKey> deleted, CancellationToken ct);

    /// <summary>Which of the digests a manifest of any repository is or references as a blob.</summary>
    ValueTask<IReadOnlySet<string>> ListBlobsInUseAsync(IReadOnlyCollection<string> digests, CancellationToken ct);

    /// <summary>Records a run; returns it with its id.</summary>
    ValueTask<RetentionRun> AddRunAsync(RetentionRun run, CancellationToken ct);

    /// <summary>Runs newest first (ids below <paramref name="before"/> when given), of one policy or all, without details.</summary>
    ValueTask<IReadOnlyList<RetentionRun>> ListRunsAsync(long? policyId, long? before, int limit, CancellationToken ct);

    /// <summary>The runs just newer than <paramref name="after"/> (the page before, when paging back), newest first.</summary>
    ValueTask<IReadOnlyList<RetentionRun>> ListNewerRunsAsync(long? policyId, long after, int limit, CancellationToken ct);

    /// <summary>How many runs are recorded (of one policy, or of all).</summary>
    ValueTask<long> CountRunsAsync(long? policyId, CancellationToken ct);

    ValueTask<RetentionRun?> GetRunAsync(long id, CancellationToken ct);
}
