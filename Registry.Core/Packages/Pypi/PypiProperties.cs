using Registry.Core.Artifacts;

namespace Registry.Core.Packages.Pypi;

/// <summary>
/// The properties a PyPI distribution file carries: what its project page and the console need from the core
/// metadata twine sent with it (<c>pypi.name</c>, <c>pypi.version</c>, <c>pypi.requires_python</c>,
/// <c>pypi.summary</c>, <c>pypi.requires_dist</c> (one value per requirement), <c>pypi.filetype</c>, <c>pypi.pyversion</c>).
/// </summary>
public static class PypiProperties
{
    public const string Name = "pypi.name";
    public const string Version = "pypi.version";
    public const string RequiresPython = "pypi.requires_python";
    public const string Summary = "pypi.summary";
    public const string RequiresDist = "pypi.requires_dist";
    public const string FileType = "pypi.filetype";
    public const string PyVersion = "pypi.pyversion";

    /// <summary>The properties of an upload's fields, or null and why a field is refused.</summary>
    public static IReadOnlyList<ArtifactProperty>? Read(IReadOnlyDictionary<string, List<string>> fields, string name, string version, PypiFileKind kind, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Single(string field) => fields.TryGetValue(field, out List<string>? values) && values.Count > 0 ? values[^1].Trim() : null;
        var properties = new List<ArtifactProperty>
        {
            new(Name, name),
            new(Version, version),
            new(FileType, kind == PypiFileKind.Wheel ? "bdist_wheel" : "sdist"),
        };

        if (Single("summary") is { Length: > 0 } summary)
        {
            if (summary.Length > PypiUploadLimits.MaxSummaryLength || summary.Contains('\n', StringComparison.Ordinal) || summary.Contains('\r', StringComparison.Ordinal))
            {
                error = $"'summary' must be one line of at most {PypiUploadLimits.MaxSummaryLength} characters";
                return null;
            }

            properties.Add(new(Summary, summary));
        }

        if (Single("requires_python") is { Length: > 0 } requiresPython)
        {
            if (SpecifierError("requires_python", requiresPython) is { } bad)
            {
                error = bad;
                return null;
            }

            properties.Add(new(RequiresPython, requiresPython));
        }

        if (Single("pyversion") is { Length: > 0 } pyVersion)
        {
            if (SpecifierError("pyversion", pyVersion) is { } bad)
            {
                error = bad;
                return null;
            }

            properties.Add(new(PyVersion, pyVersion));
        }

        List<string> requires = fields.TryGetValue("requires_dist", out List<string>? given) ? [.. given.Select(r => r.Trim()).Where(r => r.Length > 0)] : [];
        if (requires.Count > PypiUploadLimits.MaxRequiresDist)
        {
            error = $"'requires_dist' has {requires.Count} entries; at most {PypiUploadLimits.MaxRequiresDist} are taken";
            return null;
        }

        foreach (string requirement in requires)
        {
            if (SpecifierError("requires_dist", requirement) is { } bad)
            {
                error = bad;
                return null;
            }

            properties.Add(new(RequiresDist, requirement));
        }

        error = null;
        return properties;
    }

    private static string? SpecifierError(string field, string value)
        => value.Length > PypiUploadLimits.MaxSpecifierLength || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0
            ? $"'{field}' must be one line of at most {PypiUploadLimits.MaxSpecifierLength} characters"
            : null;
}
