namespace Registry.Api.Management.Models;

/// <summary>A page of an artifact repository's retention run history, newest first; <c>next</c> is the <c>before</c> cursor for the following page.</summary>
internal sealed record ArtifactRetentionRunPage(IReadOnlyList<ArtifactRetentionRunModel> Runs, long? Next);
