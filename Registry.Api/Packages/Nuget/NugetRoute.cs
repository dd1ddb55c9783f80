using System.Diagnostics.CodeAnalysis;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The path after <c>api/nuget/v3/{key}/</c>, decoded segment by segment: a segment that decodes to a slash,
/// backslash, control character, <c>.</c> or <c>..</c> is refused, so no request names a path outside the feed.
/// </summary>
internal sealed record NugetRoute(string Key, IReadOnlyList<string> Segments)
{
    private const int MaxRawLength = 1024;

    public static bool TryParse(string raw, [NotNullWhen(true)] out NugetRoute? route, [NotNullWhen(false)] out string? error)
    {
        route = null;
        error = null;
        if (raw.Length > MaxRawLength)
        {
            error = "the path is too long";
            return false;
        }

        string[] parts = raw.Split('/');
        var segments = new List<string>(parts.Length);
        foreach (string part in parts)
        {
            string segment = Uri.UnescapeDataString(part);
            if (segment is "." or ".." || segment.Contains('/') || segment.Contains('\\') || segment.Any(char.IsControl))
            {
                error = $"the path segment '{part}' is not allowed (traversal, slashes or control characters)";
                return false;
            }

            segments.Add(segment);
        }

        if (segments.Count == 0 || segments[0].Length == 0)
        {
            error = "name a repository: /artifactory/api/nuget/v3/{repo}/index.json";
            return false;
        }

        // A trailing slash (the push URL with one appended) adds an empty last segment; drop it.
        if (segments.Count > 1 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        if (segments.Skip(1).Any(s => s.Length == 0))
        {
            error = "the path has empty segments";
            return false;
        }

        route = new NugetRoute(segments[0], segments.Skip(1).ToList());
        return true;
    }

    /// <summary>Whether the path after the key is exactly these segments (the first compared case-insensitively).</summary>
    public bool Is(params string[] expected)
        => Segments.Count == expected.Length && (expected.Length == 0 || string.Equals(Segments[0], expected[0], StringComparison.OrdinalIgnoreCase))
            && Segments.Skip(1).SequenceEqual(expected.Skip(1), StringComparer.Ordinal);
}
