using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// The path after the repository key, as the npm client sends it: <c>-/ping</c>, <c>-/whoami</c>,
/// <c>-/package/{name}/dist-tags[/{tag}]</c>, <c>{name}</c>, <c>{name}/-rev/{rev}</c>, <c>{name}/{version}</c>,
/// <c>{name}/-/{file}.tgz[/-rev/{rev}]</c>. A scoped name arrives as <c>@scope%2fname</c> or <c>@scope/name</c>; the
/// path is decoded once and every part checked, so encoded traversal (<c>%2e%2e</c>, <c>%2f</c>) finds nothing.
/// </summary>
internal sealed record NpmRequestPath(NpmRequestKind Kind, NpmPackageName? Name, string? Tail)
{
    /// <summary>Parses the raw (still percent-encoded) path; null and the reason when it names nothing npm asks for.</summary>
    public static NpmRequestPath? TryParse(string rawPath, out string? error)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(rawPath);
        }
        catch (UriFormatException)
        {
            error = "the path is not valid percent-encoding";
            return null;
        }

        if (decoded.Length == 0 || decoded.Contains('\\', StringComparison.Ordinal) || decoded.Contains('\0', StringComparison.Ordinal))
        {
            error = decoded.Length == 0 ? "name a package: /artifactory/api/npm/{repo}/{package}" : "the path holds a backslash or NUL";
            return null;
        }

        string[] segments = decoded.Split('/');
        if (segments[0] == "-")
        {
            return Special(segments, out error);
        }

        if (ReadName(segments, 0, out int next, out error) is not { } name)
        {
            return null;
        }

        string[] rest = segments[next..];
        error = null;
        return rest switch
        {
            [] => new NpmRequestPath(NpmRequestKind.Packument, name, null),
            ["-rev", { Length: > 0 } rev] => new NpmRequestPath(NpmRequestKind.PackumentRevision, name, rev),
            ["-", { Length: > 0 } file] => new NpmRequestPath(NpmRequestKind.Tarball, name, file),
            ["-", { Length: > 0 } file, "-rev", { Length: > 0 }] => new NpmRequestPath(NpmRequestKind.TarballRevision, name, file),
            [{ Length: > 0 } version] when version != "-" && version != "-rev" => new NpmRequestPath(NpmRequestKind.Version, name, version),
            _ => Unknown(decoded, out error),
        };
    }

    private static NpmRequestPath? Special(string[] segments, out string? error)
    {
        error = null;
        switch (segments)
        {
            case ["-", "ping"]:
                return new NpmRequestPath(NpmRequestKind.Ping, null, null);
            case ["-", "whoami"]:
                return new NpmRequestPath(NpmRequestKind.WhoAmI, null, null);
            case ["-", "package", ..]:
                if (ReadName(segments, 2, out int next, out error) is not { } name)
                {
                    return null;
                }

                return segments[next..] switch
                {
                    ["dist-tags"] => new NpmRequestPath(NpmRequestKind.DistTags, name, null),
                    ["dist-tags", { Length: > 0 } tag] => new NpmRequestPath(NpmRequestKind.DistTag, name, tag),
                    _ => Unknown(string.Join('/', segments), out error),
                };
            default:
                return Unknown(string.Join('/', segments), out error);
        }
    }

    private static NpmPackageName? ReadName(string[] segments, int at, out int next, out string? error)
    {
        next = at;
        if (at >= segments.Length)
        {
            error = "the path names no package";
            return null;
        }

        bool scoped = segments[at].StartsWith('@');
        if (scoped && at + 1 >= segments.Length)
        {
            error = $"'{segments[at]}' is a scope without a package name; use @scope/name";
            return null;
        }

        string text = scoped ? segments[at] + "/" + segments[at + 1] : segments[at];
        next = at + (scoped ? 2 : 1);
        NpmPackageName? name = NpmPackageName.TryParse(text, strict: false, out string? nameError);
        error = name is null ? $"'{text}' is not a valid package name: {nameError}" : null;
        return name;
    }

    private static NpmRequestPath? Unknown(string path, out string? error)
    {
        error = $"the npm API has nothing at '{path}'";
        return null;
    }
}
