namespace Registry.Core.Packages.Npm;

/// <summary>
/// An npm package name, <c>name</c> or <c>@scope/name</c>, checked as npm's registry checks new names: at most
/// <see cref="NpmLimits.MaxNameLength"/> characters, lowercase, URL-safe (<c>a-z 0-9 - . _</c>), not starting with
/// <c>.</c> or <c>_</c>; so a name never escapes its folder (<c>..</c>, <c>/</c>, <c>%</c> and <c>\</c> are refused).
/// Names read from an upstream registry may also be mixed-case (<see cref="TryParse"/> with <c>strict: false</c>).
/// </summary>
public sealed record NpmPackageName(string? Scope, string Basename)
{
    /// <summary><c>name</c> or <c>@scope/name</c>.</summary>
    public string Full => Scope is null ? Basename : $"@{Scope}/{Basename}";

    /// <summary>As the npm client puts it in URLs: <c>name</c> or <c>@scope%2fname</c>.</summary>
    public string Escaped => Scope is null ? Basename : $"@{Scope}%2f{Basename}";

    /// <summary>The folder of the package's versions: the name itself (a scoped name keeps its scope folder).</summary>
    public string Folder => Full;

    public override string ToString() => Full;

    /// <summary>Parses and checks a name; <paramref name="error"/> says what is wrong with it (in npm's words where it has them).</summary>
    public static NpmPackageName? TryParse(string? text, bool strict, out string? error)
    {
        if (string.IsNullOrEmpty(text))
        {
            error = "name length must be greater than zero";
            return null;
        }

        if (text.Length > NpmLimits.MaxNameLength)
        {
            error = $"name can no longer contain more than {NpmLimits.MaxNameLength} characters";
            return null;
        }

        string? scope = null;
        string basename = text;
        if (text[0] == '@')
        {
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                error = $"'{text}' is a scope without a package name; use @scope/name";
                return null;
            }

            scope = text[1..slash];
            basename = text[(slash + 1)..];
            if (PartError(scope, "scope", strict) is { } scopeError)
            {
                error = scopeError;
                return null;
            }
        }
        else if (text[0] == '_')
        {
            error = "name cannot start with an underscore";
            return null;
        }

        if (PartError(basename, "name", strict) is { } nameError)
        {
            error = nameError;
            return null;
        }

        if (scope is null && basename is "node_modules" or "favicon.ico")
        {
            error = $"{basename} is not a valid package name";
            return null;
        }

        error = null;
        return new NpmPackageName(scope, basename);
    }

    private static string? PartError(string part, string what, bool strict)
    {
        if (part.Length == 0)
        {
            return $"{what} length must be greater than zero";
        }

        if (part[0] == '.')
        {
            return $"{what} cannot start with a period";
        }

        foreach (char c in part)
        {
            bool allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_'
                || (!strict && c is (>= 'A' and <= 'Z') or '~' or '!' or '\'' or '(' or ')' or '*');
            if (!allowed)
            {
                return c is >= 'A' and <= 'Z'
                    ? $"{what} can no longer contain capital letters"
                    : $"{what} can only contain URL-friendly characters (a-z, 0-9, '-', '.', '_'), not '{c}'";
            }
        }

        return null;
    }
}
