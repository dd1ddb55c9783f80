using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Tags;

/// <summary>A <c>tags</c> row with its digest and time, as Dapper fills it in either metadata store.</summary>
internal sealed class TagDetailRow
{
    public string Name { get; set; } = string.Empty;

    public string ManifestDigest { get; set; } = string.Empty;

    public long UpdatedAt { get; set; }

    public TagDetail ToRecord() => new(Name, Digest.Parse(ManifestDigest), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
}
