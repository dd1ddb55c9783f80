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
