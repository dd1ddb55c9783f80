using Registry.Core.Tags;

namespace Registry.Core.Content;

public enum RepositoryDeletionStatus
{
    Deleted,

    /// <summary>No such repository.</summary>
    NotFound,

    /// <summary>Protection rules cover tags of the repository (<see cref="RepositoryDeletionResult.Refusals"/>); nothing was deleted.</summary>
    Protected,
}

/// <summary>The outcome of deleting a repository: what went, or which protected tags kept it.</summary>
public sealed record RepositoryDeletionResult(
    RepositoryDeletionStatus Status, IReadOnlyList<TagProtectionViolation> Refusals, int Tags, int Manifests, int Blobs)
{
    public static RepositoryDeletionResult NotFound { get; } = new(RepositoryDeletionStatus.NotFound, [], 0, 0, 0);

    public static RepositoryDeletionResult Refused(IReadOnlyList<TagProtectionViolation> refusals) => new(RepositoryDeletionStatus.Protected, refusals, 0, 0, 0);

    /// <summary>One sentence naming every protected tag and its rule.</summary>
    public string RefusalMessage => string.Join("; ", Refusals.Select(r => r.Message));
}
