using Registry.Core.Tags;

namespace Registry.Api.Management.Models;

/// <summary>A tag in the management listing: its name, the manifest it points at, and when it last moved there.</summary>
internal sealed record TagModel(string Name, string Digest, DateTimeOffset PushedAt)
{
    public static TagModel From(TagDetail tag) => new(tag.Name, tag.Digest.Value, tag.PushedAt);
}
