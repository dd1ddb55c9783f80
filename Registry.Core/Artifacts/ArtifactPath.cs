using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Artifacts;

/// <summary>
/// A validated path inside an artifact repository: decoded segments joined by <c>/</c>, never absolute, never with
/// <c>.</c> or <c>..</c> segments, backslashes or control characters. Parsed from the raw (still percent-encoded)
/// request path, so encoded traversal (<c>%2e%2e</c>, <c>%2f</c>, <c>%5c</c>) is seen and refused. Matrix parameters
/// (<c>;build.number=42</c>) on any segment are split off as properties.
/// </summary>
public sealed class ArtifactPath
{
    public const int MaxLength = 1024;
    private const int MaxSegmentLength = 255;

    private ArtifactPath(string value, bool folderSyntax, IReadOnlyList<ArtifactProperty> matrix)
    {
        Value = value;
        EndsWithSlash = folderSyntax;
        Matrix = matrix;
    }

    /// <summary>The path without leading or trailing slash; empty for the repository root.</summary>
    public string Value { get; }

    public bool IsRoot => Value.Length == 0;

    /// <summary>The raw path ended with <c>/</c> (a folder was named).</summary>
    public bool EndsWithSlash { get; }

    /// <summary>Matrix parameters found on the path, in order.</summary>
    public IReadOnlyList<ArtifactProperty> Matrix { get; }

    public string Name => Value[(Value.LastIndexOf('/') + 1)..];

    /// <summary>The folder holding this path (empty at the root).</summary>
    public string Parent => Value.LastIndexOf('/') is var slash and >= 0 ? Value[..slash] : string.Empty;

    public static ArtifactPath Root { get; } = new(string.Empty, true, []);

    /// <summary>Parses the raw path after the repository key (percent-encoded, as sent); the error says what was refused.</summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out ArtifactPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        raw ??= string.Empty;
        if (raw.Length > MaxLength * 3)
        {
            error = $"path is longer than {MaxLength} characters";
            return false;
        }

        if (raw.StartsWith('/'))
        {
            error = "absolute paths are not allowed: the path must be relative to the repository";
            return false;
        }

        if (raw.Contains('\\') || raw.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            error = "backslashes are not allowed in paths; separate folders with '/'";
            return false;
        }

        bool folder = raw.Length == 0 || raw.EndsWith('/');
        string[] rawSegments = (folder && raw.Length > 0 ? raw[..^1] : raw).Split('/');
        var segments = new List<string>(rawSegments.Length);
        var matrix = new List<ArtifactProperty>();
        foreach (string rawSegment in raw.Length == 0 ? [] : rawSegments)
        {
            string[] parts = rawSegment.Split(';');
            string segment = Uri.UnescapeDataString(parts[0]);
            if (SegmentError(segment, segments.Count == 0) is { } segmentError)
            {
                error = segmentError;
                return false;
            }

            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length == 0)
                {
                    continue;
                }

                int equals = parts[i].IndexOf('=');
                string name = Uri.UnescapeDataString(equals < 0 ? parts[i] : parts[i][..equals]);
                string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(parts[i][(equals + 1)..]);
                if (!ArtifactPropertyRules.IsValidName(name))
                {
                    error = $"matrix parameter '{name}' is not a valid property name";
                    return false;
                }

                matrix.Add(new ArtifactProperty(name, value));
            }

            segments.Add(segment);
        }

        string joined = string.Join('/', segments);
        if (joined.Length > MaxLength)
        {
            error = $"path is longer than {MaxLength} characters";
            return false;
        }

        path = new ArtifactPath(joined, folder, matrix);
        error = null;
        return true;
    }

    private static string? SegmentError(string segment, bool first)
    {
        if (segment.Length == 0)
        {
            return first
                ? "absolute paths are not allowed: the path must be relative to the repository"
                : "empty path segments ('//') are not allowed";
        }

        if (segment is "." or "..")
        {
            return $"'{segment}' segments (path traversal) are not allowed";
        }

        if (segment.Contains('/') || segment.Contains('\\'))
        {
            return "encoded slashes or backslashes ('%2F', '%5C') are not allowed in paths";
        }

        if (segment.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || segment.Contains('\u007f'))
        {
            return "control characters are not allowed in paths";
        }

        if (first && segment.Length == 2 && char.IsAsciiLetter(segment[0]) && segment[1] == ':')
        {
            return "absolute (drive-letter) paths are not allowed: the path must be relative to the repository";
        }

        return segment.Length > MaxSegmentLength ? $"path segments are limited to {MaxSegmentLength} characters" : null;
    }

    public override string ToString() => Value;
}
