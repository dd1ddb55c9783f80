namespace Registry.Core.Artifacts;

/// <summary>
/// A checksum file beside an artifact (<c>x.jar.sha1</c>, <c>.md5</c>, <c>.sha256</c>). The registry records these
/// checksums for every file, so companions are answered from metadata and, in Maven repositories, an uploaded
/// companion is checked against them instead of being stored.
/// </summary>
public readonly record struct ChecksumCompanion(string TargetPath, ChecksumKind Kind)
{
    public static bool TryParse(string path, out ChecksumCompanion companion)
    {
        foreach ((string suffix, ChecksumKind kind) in Suffixes)
        {
            if (path.Length > suffix.Length && path.EndsWith(suffix, StringComparison.Ordinal) && path[^(suffix.Length + 1)] != '/')
            {
                companion = new ChecksumCompanion(path[..^suffix.Length], kind);
                return true;
            }
        }

        companion = default;
        return false;
    }

    private static readonly (string, ChecksumKind)[] Suffixes = [(".sha256", ChecksumKind.Sha256), (".sha1", ChecksumKind.Sha1), (".md5", ChecksumKind.Md5)];
}
