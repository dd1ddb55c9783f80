using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Core.Transfer;

/// <summary>
/// <c>registry-export.json</c>: what an export holds, read back by an import. Each repository lists its tags and the
/// manifests to import, children before their index and subjects before their referrers; <see cref="Blobs"/> lists
/// every file under <c>blobs/</c> with its size (its digest is its checksum); <see cref="Files"/> the files of artifact
/// repositories, whose bytes are blobs too.
/// </summary>
public sealed record ExportListing(
    string Format,
    DateTimeOffset CreatedAt,
    string Filter,
    IReadOnlyList<ExportedRepository> Repositories,
    IReadOnlyList<ExportedBlob> Blobs,
    IReadOnlyList<ExportedFile>? Files = null)
{
    public const string CurrentFormat = "registry-export/v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record ExportedRepository(string Name, IReadOnlyList<ExportedTag> Tags, IReadOnlyList<ExportedManifest> Manifests);

public sealed record ExportedTag(string Tag, string Digest);

/// <param name="Subject">The manifest it refers to, when it is a referrer (a signature, an SBOM).</param>
public sealed record ExportedManifest(string Digest, string MediaType, long Size, string? Subject);

/// <param name="Kind"><c>manifest</c>, <c>blob</c> (config, layer) or <c>file</c> (of an artifact repository).</param>
public sealed record ExportedBlob(string Digest, long Size, string Kind);

/// <summary>A file of a generic or Maven repository: where it goes, its checksums and properties; its bytes are the blob <see cref="Digest"/>.</summary>
public sealed record ExportedFile(
    string Repository, string Path, string Digest, long Size, string Sha1, string Md5, string? MimeType, IReadOnlyList<ExportedProperty>? Properties);

public sealed record ExportedProperty(string Name, string Value);
