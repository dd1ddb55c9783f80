namespace Registry.Api.Packages.Pypi;

/// <summary>The segments of a raw (percent-encoded) path under <c>api/pypi/{key}/</c>, decoded, or null for traversal, control characters or an encoded slash.</summary>
internal static class PypiPath
{
    public static string[]? Split(string rawPath)
    {
        string trimmed = rawPath.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return null;
        }

        string[] segments = trimmed.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = Uri.UnescapeDataString(segments[i]);
            if (segment.Length == 0 || segment is "." or ".." || segment.AsSpan().IndexOfAny('/', '\\') >= 0 || segment.Any(char.IsControl))
            {
                return null;
            }

            segments[i] = segment;
        }

        return segments;
    }
}
