namespace Registry.Api.Management.Models;

/// <summary>
/// A remote repository's upstream, with Artifactory's field names. <c>password</c> is write-only: omitted keeps the
/// stored one, an empty string removes it. <c>mirror</c> and <c>aliases</c> are for docker remotes.
/// </summary>
internal sealed record RemoteSourceRequest(
    string? Url,
    string? Username,
    string? Password,
    int? RetrievalCachePeriodSecs,
    int? MissedRetrievalCachePeriodSecs,
    bool? Offline,
    int? UnusedArtifactsCleanupPeriodHours,
    bool? Mirror,
    IReadOnlyList<string>? Aliases);
