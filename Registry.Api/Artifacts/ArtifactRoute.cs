using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.Features;

namespace Registry.Api.Artifacts;

/// <summary>
/// The raw path after <c>/artifactory/</c>, split into the repository key and the rest, both still percent-encoded
/// so path validation sees encoded traversal. Kestrel's decoded <c>Request.Path</c> has already resolved <c>..</c>,
/// so the route is read from the request target as the client sent it.
/// </summary>
internal readonly record struct ArtifactRoute(string Key, string RawPath)
{
    public const string Prefix = "/artifactory/";

    /// <summary>The key of a repository path, or <c>api</c> for the REST API (<c>api/storage/...</c>).</summary>
    public static bool TryParse(HttpContext context, [NotNullWhen(true)] out ArtifactRoute? route)
    {
        route = null;
        // Hosts without a raw target (the in-memory test server) give the decoded path, re-escaped.
        string? target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string raw = target is { Length: > 0 } && target[0] == '/' ? target : context.Request.PathBase.Add(context.Request.Path).ToUriComponent();
        int query = raw.IndexOf('?');
        if (query >= 0)
        {
            raw = raw[..query];
        }

        string prefix = context.Request.PathBase + Prefix;
        int at = raw.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        string rest = raw[(at + prefix.Length)..];
        int slash = rest.IndexOf('/');
        route = slash < 0 ? new ArtifactRoute(Uri.UnescapeDataString(rest), string.Empty) : new ArtifactRoute(Uri.UnescapeDataString(rest[..slash]), rest[(slash + 1)..]);
        return true;
    }

    /// <summary>For <c>api/&lt;area&gt;/&lt;key&gt;/&lt;path&gt;</c>: the area and the route of the repository path after it.</summary>
    public (string Area, ArtifactRoute Inner) SplitApi()
    {
        int slash = RawPath.IndexOf('/');
        string area = slash < 0 ? RawPath : RawPath[..slash];
        string rest = slash < 0 ? string.Empty : RawPath[(slash + 1)..];
        int next = rest.IndexOf('/');
        return (area, next < 0 ? new ArtifactRoute(Uri.UnescapeDataString(rest), string.Empty) : new ArtifactRoute(Uri.UnescapeDataString(rest[..next]), rest[(next + 1)..]));
    }
}
