using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>The <c>X-Checksum-Sha256</c>, <c>-Sha1</c> and <c>-Md5</c> headers a deploy sent (lowercase), and <c>X-Checksum-Deploy</c>.</summary>
internal sealed record ChecksumHeaders(string? Sha256, string? Sha1, string? Md5, bool DeployByChecksum)
{
    public const string Sha256Header = "X-Checksum-Sha256";
    public const string Sha1Header = "X-Checksum-Sha1";
    public const string Md5Header = "X-Checksum-Md5";
    public const string DeployHeader = "X-Checksum-Deploy";

    public static ChecksumHeaders? Read(IHeaderDictionary headers, out string? error)
    {
        error = null;
        string? sha256 = Value(headers, Sha256Header, ChecksumKind.Sha256, ref error);
        string? sha1 = Value(headers, Sha1Header, ChecksumKind.Sha1, ref error);
        string? md5 = Value(headers, Md5Header, ChecksumKind.Md5, ref error);
        bool deploy = string.Equals(headers[DeployHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        return error is null ? new ChecksumHeaders(sha256, sha1, md5, deploy) : null;
    }

    /// <summary>The strongest checksum sent, to look content up by.</summary>
    public (ChecksumKind Kind, string Value)? Strongest => Sha256 is not null ? (ChecksumKind.Sha256, Sha256)
        : Sha1 is not null ? (ChecksumKind.Sha1, Sha1)
        : Md5 is not null ? (ChecksumKind.Md5, Md5)
        : null;

    /// <summary>The first sent checksum that differs from the content's, described for the client; null when all agree.</summary>
    public string? Mismatch(ArtifactChecksums content)
    {
        foreach ((string? sent, ChecksumKind kind, string header) in new[] { (Sha256, ChecksumKind.Sha256, Sha256Header), (Sha1, ChecksumKind.Sha1, Sha1Header), (Md5, ChecksumKind.Md5, Md5Header) })
        {
            if (sent is not null && sent != content.Get(kind))
            {
                return $"Checksum mismatch: {header} is {sent} but the content's {kind.ToString().ToUpperInvariant()} is {content.Get(kind)}; nothing was stored";
            }
        }

        return null;
    }

    private static string? Value(IHeaderDictionary headers, string name, ChecksumKind kind, ref string? error)
    {
        string? value = headers[name].ToString().Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!ArtifactChecksums.IsWellFormed(kind, value))
        {
            error ??= $"{name} '{value}' is not a hex {kind.ToString().ToUpperInvariant()} checksum";
            return null;
        }

        return value.ToLowerInvariant();
    }
}
