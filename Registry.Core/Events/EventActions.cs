namespace Registry.Core.Events;

/// <summary>
/// The <c>action</c> of an event. <c>push</c>, <c>pull</c>, <c>delete</c> and <c>mount</c> are CNCF Distribution's;
/// <c>tag</c> is this registry's addition for a tag that moves without a push (a restore, a floating tag),
/// <c>repository.delete</c> for a repository whose content was deleted as a whole (after the <c>delete</c> events of
/// its manifests and blobs), <c>replication.run</c> for a finished replication run (about no one repository),
/// <c>artifact.deploy</c> and <c>artifact.delete</c> for a file of an artifact repository (generic, Maven, npm, PyPI,
/// NuGet: a deploy or publish, a remote's fetch, a delete or unpublish, retention), and
/// <c>ping</c> is only ever sent by a webhook test.
/// </summary>
public static class EventActions
{
    public const string Push = "push";
    public const string Pull = "pull";
    public const string Delete = "delete";
    public const string Mount = "mount";
    public const string Tag = "tag";
    public const string RepositoryDelete = "repository.delete";
    public const string ReplicationRun = "replication.run";
    public const string ArtifactDeploy = "artifact.deploy";
    public const string ArtifactDelete = "artifact.delete";
    public const string Ping = "ping";

    /// <summary>The actions a webhook may subscribe to (every one but <c>ping</c>).</summary>
    public static IReadOnlyList<string> Subscribable { get; } = [Push, Pull, Delete, Mount, Tag, RepositoryDelete, ReplicationRun, ArtifactDeploy, ArtifactDelete];

    public static bool IsSubscribable(string? action)
        => action is Push or Pull or Delete or Mount or Tag or RepositoryDelete or ReplicationRun or ArtifactDeploy or ArtifactDelete;
}
