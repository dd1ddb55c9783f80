using Registry.Core.Artifacts;

namespace Registry.Core.Packages.Pypi;

/// <summary>
/// A distribution file upload as twine sends it (the legacy upload API: <c>:action=file_upload</c>,
/// <c>protocol_version=1</c>, the core metadata as form fields, the file as <c>content</c>), checked before its bytes
/// are stored: project name and version valid, the file's name belongs to both and matches <c>filetype</c>, a digest
/// to verify the bytes against, fields within <see cref="PypiUploadLimits"/>. What the project page needs is kept as
/// the file's properties (<see cref="PypiProperties"/>).
/// </summary>
public sealed record PypiUpload(PypiDistribution Distribution, string Name, string? Sha256, string? Md5, IReadOnlyList<ArtifactProperty> Properties)
{
    /// <summary>
    /// Checks the form's text fields (each name with its values, in the order sent) and the file's name. Null and the
    /// reason (PyPI's 400 message) when the upload is refused.
    /// </summary>
    public static PypiUpload? Check(IReadOnlyDictionary<string, List<string>> fields, string fileName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Single(string field) => fields.TryGetValue(field, out List<string>? values) && values.Count > 0 ? values[^1].Trim() : null;

        if (Single(":action") is not "file_upload")
        {
            error = $"':action' must be 'file_upload' (the upload API takes files only), not '{Single(":action")}'";
            return null;
        }

        if (Single("protocol_version") is { } protocol && protocol != "1")
        {
            error = $"'protocol_version' {protocol} is not supported; it is 1";
            return null;
        }

        string? name = Single("name");
        if (!PypiProjectName.IsValid(name))
        {
            error = $"'{name}' is an invalid value for name: letters, digits, '.', '_' and '-', starting and ending with a letter or digit, at most {PypiProjectName.MaxLength} characters (PEP 508)";
            return null;
        }

        string? declared = Single("version");
        if (PypiVersion.Normalize(declared) is not { } version)
        {
            error = $"'{declared}' is an invalid value for version: use a PEP 440 version, such as 1.0.0 or 2.1rc1";
            return null;
        }

        PypiFileKind? kind = Single("filetype") switch
        {
            "bdist_wheel" => PypiFileKind.Wheel,
            "sdist" => PypiFileKind.Sdist,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{Single("filetype")}' is an invalid value for filetype: bdist_wheel or sdist";
            return null;
        }

        if (PypiDistribution.Parse(name!, fileName, out string? fileError) is not { } distribution)
        {
            error = $"invalid distribution file: {fileError}";
            return null;
        }

        if (distribution.Kind != kind)
        {
            error = $"'{fileName}' is not a {Single("filetype")} file";
            return null;
        }

        if (distribution.Version != version)
        {
            error = $"'{fileName}' is version {distribution.Version}, but the upload says version {version}";
            return null;
        }

        string? sha256 = Single("sha256_digest")?.ToLowerInvariant();
        string? md5 = Single("md5_digest")?.ToLowerInvariant();
        if (sha256 is not null && !ArtifactChecksums.IsWellFormed(ChecksumKind.Sha256, sha256))
        {
            error = "'sha256_digest' is not a SHA-256 in hex";
            return null;
        }

        if (md5 is not null && !ArtifactChecksums.IsWellFormed(ChecksumKind.Md5, md5))
        {
            error = "'md5_digest' is not an MD5 in hex";
            return null;
        }

        if (sha256 is null && md5 is null)
        {
            error = "include at least one message digest: sha256_digest (or md5_digest)";
            return null;
        }

        if (PypiProperties.Read(fields, name!, version, kind.Value, out error) is not { } properties)
        {
            return null;
        }

        return new PypiUpload(distribution, name!, sha256, md5, properties);
    }

    /// <summary>Why the stored bytes are not the file the upload declared (its digests), or null when they are.</summary>
    public string? DigestMismatch(ArtifactChecksums content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Sha256 is not null && content.Sha256 != Sha256)
        {
            return $"the file's SHA-256 is {content.Sha256}, but sha256_digest says {Sha256}: the upload was damaged; nothing was stored";
        }

        return Md5 is not null && content.Md5 != Md5
            ? $"the file's MD5 is {content.Md5}, but md5_digest says {Md5}: the upload was damaged; nothing was stored"
            : null;
    }
}
