using System.Globalization;
using Registry.Core.Access;

namespace Registry.Core.Artifacts;

/// <summary>
/// The rules of a remote repository's settings: an absolute http(s) URL without user info, query or fragment; a
/// password only with a username, encrypted before it is kept; cache periods between 0 and
/// <see cref="MaxCachePeriodSecs"/>; a cleanup period between 0 and <see cref="MaxCleanupPeriodHours"/>;
/// <c>mirror</c> and <c>aliases</c> (host names, optionally with a port) and a cleanup period only for docker remotes.
/// </summary>
public static class RemoteSourceRules
{
    /// <summary>Thirty days.</summary>
    public const int MaxCachePeriodSecs = 30 * 24 * 3600;

    /// <summary>Ten years.</summary>
    public const int MaxCleanupPeriodHours = 10 * 365 * 24;

    public const int MaxAliases = 32;

    public const int MaxUsername = 256;

    public const int MaxPassword = 4096;

    /// <summary>
    /// <paramref name="current"/> (null on create) changed by <paramref name="input"/>, or the refusal with the field at
    /// fault. A password given is encrypted by <paramref name="protector"/>; an omitted one is kept, an empty one removed.
    /// </summary>
    public static (RemoteSource? Remote, ArtifactChangeResult? Error) Apply(
        RemoteSource? current, ArtifactRepositoryInput input, ArtifactRepositoryType type, ICredentialProtector protector)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(protector);
        Uri? url = current?.Url;
        if (input.Url is not null)
        {
            if (UrlError(input.Url, out Uri? parsed) is { } error)
            {
                return (null, Invalid(error, "url"));
            }

            url = parsed;
        }

        if (url is null)
        {
            return (null, Invalid("a remote repository needs 'url', the upstream's absolute http or https URL", "url"));
        }

        string? username = input.Username is null ? current?.Username : input.Username.Length == 0 ? null : input.Username;
        if (username?.Length > MaxUsername || (username is not null && username.Any(char.IsControl)))
        {
            return (null, Invalid($"username is limited to {MaxUsername} characters without control characters", "username"));
        }

        if (input.Password?.Length > MaxPassword)
        {
            return (null, Invalid($"password is limited to {MaxPassword} characters", "password"));
        }

        string? password = input.Password is null ? current?.ProtectedPassword : input.Password.Length == 0 ? null : protector.Protect(input.Password);
        if (password is not null && username is null)
        {
            return (null, Invalid("a password needs a username", "password"));
        }

        int retrieval = input.RetrievalCachePeriodSecs ?? current?.RetrievalCachePeriodSecs ?? RemoteSource.DefaultRetrievalCachePeriodSecs;
        int missed = input.MissedRetrievalCachePeriodSecs ?? current?.MissedRetrievalCachePeriodSecs ?? RemoteSource.DefaultMissedRetrievalCachePeriodSecs;
        int cleanup = input.UnusedArtifactsCleanupPeriodHours ?? current?.UnusedArtifactsCleanupPeriodHours ?? 0;
        if (retrieval is < 0 or > MaxCachePeriodSecs)
        {
            return (null, Invalid($"retrievalCachePeriodSecs must be between 0 and {MaxCachePeriodSecs} (30 days)", "retrievalCachePeriodSecs"));
        }

        if (missed is < 0 or > MaxCachePeriodSecs)
        {
            return (null, Invalid($"missedRetrievalCachePeriodSecs must be between 0 and {MaxCachePeriodSecs} (30 days)", "missedRetrievalCachePeriodSecs"));
        }

        if (cleanup is < 0 or > MaxCleanupPeriodHours)
        {
            return (null, Invalid($"unusedArtifactsCleanupPeriodHours must be between 0 and {MaxCleanupPeriodHours} (0 keeps cached content)", "unusedArtifactsCleanupPeriodHours"));
        }

        // Eviction judges use by pulls, which only images record; a maven or generic remote keeps what it cached.
        if (cleanup > 0 && type != ArtifactRepositoryType.Docker)
        {
            return (null, Invalid("unusedArtifactsCleanupPeriodHours applies only to docker remotes: downloads of cached files are not recorded, so their use cannot be judged", "unusedArtifactsCleanupPeriodHours"));
        }

        bool mirror = input.Mirror ?? current?.Mirror ?? false;
        IReadOnlyList<string> aliases = input.Aliases ?? current?.Aliases ?? [];
        if (type != ArtifactRepositoryType.Docker && (mirror || aliases.Count > 0))
        {
            return (null, Invalid("mirror and aliases apply only to docker remotes", input.Mirror is not null ? "mirror" : "aliases"));
        }

        if (AliasesError(aliases) is { } aliasError)
        {
            return (null, Invalid(aliasError, "aliases"));
        }

        return (new RemoteSource(url, username, password, retrieval, missed, input.Offline ?? current?.Offline ?? false, cleanup, mirror,
            [.. aliases.Select(a => a.ToLowerInvariant())]), null);
    }

    /// <summary>Null when <paramref name="text"/> is an absolute http(s) URL without user info, query or fragment; else why not.</summary>
    public static string? UrlError(string text, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return $"url '{text}' is not an absolute http or https URL";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "url must not hold credentials; use username and password";
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            return "url must not have a query or fragment";
        }

        url = parsed;
        return null;
    }

    /// <summary>Null when each alias is a host name or <c>host:port</c>, none twice; else why not.</summary>
    public static string? AliasesError(IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        if (aliases.Count > MaxAliases)
        {
            return $"at most {MaxAliases} aliases";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string alias in aliases)
        {
            if (!IsHost(alias))
            {
                return $"alias '{alias}' is not a host name (optionally host:port)";
            }

            if (!seen.Add(alias))
            {
                return $"alias '{alias}' is given twice";
            }
        }

        return null;
    }

    private static bool IsHost(string? alias)
    {
        if (string.IsNullOrEmpty(alias) || alias.Length > 262)
        {
            return false;
        }

        string host = alias;
        int colon = alias.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(alias.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                return false;
            }

            host = alias[..colon];
        }

        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private static ArtifactChangeResult Invalid(string message, string field) => new(ArtifactChangeStatus.Invalid, message, field);
}
