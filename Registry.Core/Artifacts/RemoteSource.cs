namespace Registry.Core.Artifacts;

/// <summary>
/// Where a remote repository fetches from and how long what it fetched is trusted. Field names follow Artifactory's
/// repository configuration; <see cref="Mirror"/> and <see cref="Aliases"/> are this registry's own.
/// </summary>
/// <param name="Url">The upstream's base URL (an OCI registry's root for docker; a folder URL for maven and generic).</param>
/// <param name="Username">The upstream account, or null for anonymous access.</param>
/// <param name="ProtectedPassword">
/// The upstream password as stored: encrypted by <see cref="Access.ICredentialProtector"/>, never the clear text and
/// never returned by an API; null when there is none.
/// </param>
/// <param name="RetrievalCachePeriodSecs">How long a tag or a <c>maven-metadata.xml</c> is served without asking the upstream again.</param>
/// <param name="MissedRetrievalCachePeriodSecs">How long an upstream 404 is remembered.</param>
/// <param name="Offline">Serve only what is cached; never contact the upstream.</param>
/// <param name="UnusedArtifactsCleanupPeriodHours">Cached content not downloaded for this long is evicted; 0 keeps it.</param>
/// <param name="Mirror">A docker remote that also answers <c>/v2/</c> names matching no local repository (dockerd's and containerd's mirror).</param>
/// <param name="Aliases">Further registry host names (besides the URL's) that containerd's <c>?ns=</c> may name to select this mirror.</param>
public sealed record RemoteSource(
    Uri Url,
    string? Username,
    string? ProtectedPassword,
    int RetrievalCachePeriodSecs,
    int MissedRetrievalCachePeriodSecs,
    bool Offline,
    int UnusedArtifactsCleanupPeriodHours,
    bool Mirror,
    IReadOnlyList<string> Aliases)
{
    /// <summary>The default of <see cref="RetrievalCachePeriodSecs"/>: five minutes.</summary>
    public const int DefaultRetrievalCachePeriodSecs = 300;

    /// <summary>The default of <see cref="MissedRetrievalCachePeriodSecs"/>: one minute.</summary>
    public const int DefaultMissedRetrievalCachePeriodSecs = 60;

    /// <summary>Whether a password is stored.</summary>
    public bool HasPassword => ProtectedPassword is not null;

    /// <summary>The upstream host names that select this remote as a mirror: the URL's host and the aliases.</summary>
    public bool Answers(string host)
    {
        if (string.Equals(Url.Host, host, StringComparison.OrdinalIgnoreCase) || string.Equals(Url.Authority, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (string alias in Aliases)
        {
            if (string.Equals(alias, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
