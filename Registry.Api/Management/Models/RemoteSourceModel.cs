using Registry.Core.Artifacts;

namespace Registry.Api.Management.Models;

/// <summary>A remote repository's upstream as the API shows it: whether a password is stored, never the password.</summary>
internal sealed record RemoteSourceModel(
    string Url,
    string? Username,
    bool HasPassword,
    int RetrievalCachePeriodSecs,
    int MissedRetrievalCachePeriodSecs,
    bool Offline,
    int UnusedArtifactsCleanupPeriodHours,
    bool Mirror,
    IReadOnlyList<string> Aliases)
{
    public static RemoteSourceModel From(RemoteSource r) => new(
        r.Url.OriginalString, r.Username, r.HasPassword, r.RetrievalCachePeriodSecs, r.MissedRetrievalCachePeriodSecs, r.Offline,
        r.UnusedArtifactsCleanupPeriodHours, r.Mirror, r.Aliases);
}
