namespace Registry.Core.Packages.Pypi;

/// <summary>
/// Python project names (PEP 508 and PEP 503): ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting and
/// ending with a letter or digit; two names are the same project when their normalized forms are equal (lowercase,
/// every run of <c>-</c>, <c>_</c> and <c>.</c> one <c>-</c>). The normalized form is the project's folder and URL.
/// </summary>
public static class PypiProjectName
{
    /// <summary>The longest project name taken (PyPI has no limit; this keeps folder names and pages sane).</summary>
    public const int MaxLength = 128;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>PEP 503's normalized name: lowercase, runs of <c>-_.</c> replaced by one <c>-</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = new System.Text.StringBuilder(name.Length);
        bool separator = false;
        foreach (char c in name)
        {
            if (c is '-' or '_' or '.')
            {
                separator = true;
                continue;
            }

            if (separator)
            {
                normalized.Append('-');
                separator = false;
            }

            normalized.Append(char.ToLowerInvariant(c));
        }

        if (separator)
        {
            normalized.Append('-');
        }

        return normalized.ToString();
    }

    /// <summary>Whether <paramref name="name"/> is valid and already in its normalized form.</summary>
    public static bool IsNormalized(string name) => IsValid(name) && Normalize(name) == name;
}
