namespace Registry.Core.Packages.Pypi;

/// <summary>
/// A distribution file of a project: its file name, which must belong to the project (the name part normalizes to the
/// project's name) and name a valid version, and where it is kept: <c>{project}/{version}/{file}</c>, both normalized.
/// </summary>
public sealed record PypiDistribution(string Project, string Version, string FileName, PypiFileKind Kind)
{
    /// <summary>The longest file name taken.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>The file's path in the repository: <c>{normalized project}/{normalized version}/{file name}</c>.</summary>
    public string Path => $"{Project}/{Version}/{FileName}";

    /// <summary>
    /// Reads <paramref name="fileName"/> as a distribution of <paramref name="project"/> (any spelling of it), or
    /// returns why it is not one: a name with a path or odd characters, an unknown extension, another project's name,
    /// no valid version.
    /// </summary>
    public static PypiDistribution? Parse(string project, string fileName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(project);
        string normalized = PypiProjectName.Normalize(project);
        if (SafeNameError(fileName) is { } unsafeName)
        {
            error = unsafeName;
            return null;
        }

        if (fileName.EndsWith(".whl", StringComparison.Ordinal))
        {
            return ParseWheel(normalized, fileName, out error);
        }

        string? stem = fileName.EndsWith(".tar.gz", StringComparison.Ordinal) ? fileName[..^7]
            : fileName.EndsWith(".zip", StringComparison.Ordinal) ? fileName[..^4]
            : null;
        if (stem is null)
        {
            error = $"'{fileName}' is neither a wheel (.whl) nor a source distribution (.tar.gz, .zip)";
            return null;
        }

        // {name}-{version}: the name may hold dashes itself (legacy sdists), so try each split.
        for (int dash = stem.IndexOf('-'); dash > 0; dash = stem.IndexOf('-', dash + 1))
        {
            if (PypiProjectName.Normalize(stem[..dash]) == normalized)
            {
                if (PypiVersion.Normalize(stem[(dash + 1)..]) is not { } version)
                {
                    error = $"'{fileName}': '{stem[(dash + 1)..]}' is not a valid version (PEP 440)";
                    return null;
                }

                error = null;
                return new PypiDistribution(normalized, version, fileName, PypiFileKind.Sdist);
            }
        }

        error = $"'{fileName}' is not a source distribution of project '{project}': its name must be '{project}-{{version}}.tar.gz' or '.zip'";
        return null;
    }

    private static PypiDistribution? ParseWheel(string project, string fileName, out string? error)
    {
        string[] parts = fileName[..^4].Split('-');
        if (parts.Length is not (5 or 6) || Array.Exists(parts, p => p.Length == 0)
            || (parts.Length == 6 && !char.IsAsciiDigit(parts[2][0])))
        {
            error = $"'{fileName}' is not a wheel file name: {{name}}-{{version}}(-{{build}})?-{{python}}-{{abi}}-{{platform}}.whl";
            return null;
        }

        if (PypiProjectName.Normalize(parts[0]) != project)
        {
            error = $"wheel '{fileName}' belongs to project '{parts[0]}', not '{project}'";
            return null;
        }

        if (PypiVersion.Normalize(parts[1]) is not { } version)
        {
            error = $"wheel '{fileName}': '{parts[1]}' is not a valid version (PEP 440)";
            return null;
        }

        error = null;
        return new PypiDistribution(project, version, fileName, PypiFileKind.Wheel);
    }

    /// <summary>Why the name cannot be a file name here (a path, a dot first, characters outside <c>A-Z a-z 0-9 . _ - + !</c>), or null.</summary>
    public static string? SafeNameError(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return "the file has no name";
        }

        if (fileName.Length > MaxFileNameLength)
        {
            return $"the file name is longer than {MaxFileNameLength} characters";
        }

        if (fileName[0] == '.' || fileName.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+!") >= 0)
        {
            return $"'{fileName}' is not a distribution file name: no paths, only letters, digits and . _ - + !, not starting with a dot";
        }

        return null;
    }
}
