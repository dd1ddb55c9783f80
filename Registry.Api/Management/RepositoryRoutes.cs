using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>
/// Routes under <c>/api/v1/repositories/{name}/...</c>. Repository names contain slashes, so a route is a suffix
/// (<c>tags/{tag}/history</c>) matched against the end of the path, and everything before it is the name (which may
/// also arrive URL-encoded, <c>team%2Fapp</c>). Longer suffixes are tried first. Each area registers its routes here,
/// so they share one endpoint without sharing a file.
/// </summary>
internal sealed class RepositoryRoutes
{
    private readonly List<Route> _routes = [];

    private sealed record Route(string Method, string[] Suffix, Func<RepositoryRequest, Task<IResult>> Handler);

    public RepositoryRoutes Map(string method, string suffix, Func<RepositoryRequest, Task<IResult>> handler)
    {
        _routes.Add(new Route(method, suffix.Length == 0 ? [] : suffix.Split('/'), handler));
        _routes.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
        return this;
    }

    /// <summary>Every route as its method and suffix (<c>GET tags/{tag}/history</c>), longest suffix first: what the endpoint's metadata tells tests and tools.</summary>
    public IReadOnlyList<(string Method, string Suffix)> Patterns => [.. _routes.Select(r => (r.Method, string.Join('/', r.Suffix)))];

    /// <summary>The handler and values for the path, or why none: no route (404) or another method (405, with the allowed ones).</summary>
    public RouteMatch Match(string method, string path)
    {
        string[] segments = path.Split('/');
        List<string>? allowed = null;
        foreach (Route route in _routes)
        {
            if (!TryMatch(route, segments, out RepositoryName? name, out Dictionary<string, string>? values))
            {
                continue;
            }

            if (route.Method == method)
            {
                return new RouteMatch(route.Handler, name, values, null);
            }

            (allowed ??= []).Add(route.Method);
        }

        return new RouteMatch(null, null, null, allowed);
    }

    private static bool TryMatch(Route route, string[] segments, out RepositoryName? name, out Dictionary<string, string>? values)
    {
        name = null;
        values = null;
        int nameLength = segments.Length - route.Suffix.Length;
        if (nameLength < 1)
        {
            return false;
        }

        var captured = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < route.Suffix.Length; i++)
        {
            string pattern = route.Suffix[i];
            string segment = segments[nameLength + i];
            if (pattern.StartsWith('{'))
            {
                if (segment.Length == 0)
                {
                    return false;
                }

                captured[pattern[1..^1]] = Uri.UnescapeDataString(segment);
            }
            else if (pattern != segment)
            {
                return false;
            }
        }

        if (!RepositoryName.TryParse(Uri.UnescapeDataString(string.Join('/', segments, 0, nameLength)), out name))
        {
            return false;
        }

        values = captured;
        return true;
    }
}
