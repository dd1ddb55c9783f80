namespace Registry.Core.Artifacts;

public enum ArtifactPutStatus
{
    Created,
    Replaced,

    /// <summary>The file exists and the caller said it must not be overwritten; nothing changed.</summary>
    Exists,

    /// <summary>The path is a folder (other files live under it) or a file is in the way of a folder of the path.</summary>
    PathConflict,

    RepositoryUnknown,

    /// <summary>
    /// The path breaks the repository's layout (a Maven repository's); nothing changed. Only
    /// <see cref="ArtifactService"/> answers this (the store records any path).
    /// </summary>
    Invalid,

    /// <summary>
    /// Garbage collection is deleting the content's blob (its bytes may be gone already); nothing changed. Callers pin
    /// the digest before writing bytes, which makes this the answer only for content no pin protected.
    /// </summary>
    ContentDeleting,

    /// <summary>
    /// The repository is remote (it takes only what it fetches itself) or virtual (deploys go to its default
    /// deployment repository); nothing changed. Only <see cref="ArtifactService"/> answers this.
    /// </summary>
    NotDeployable,
}
