using System.Text.Json;

namespace Registry.Core.Packages.Npm;

/// <summary>A package's dist-tags (<c>{"latest":"1.2.0","next":"2.0.0-rc.1"}</c>) and what a tag name may be.</summary>
public static class NpmDistTags
{
    public const string Latest = "latest";

    /// <summary>
    /// Why <paramref name="tag"/> cannot be a dist-tag, or null: it must be 1 to <see cref="NpmLimits.MaxTagLength"/>
    /// URL-safe characters (<c>a-z A-Z 0-9 - . _</c>) and not look like a version (npm would read it as one).
    /// </summary>
    public static string? TagError(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > NpmLimits.MaxTagLength
            || tag.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._") >= 0 || tag[0] == '.')
        {
            return $"'{tag}' is not a valid dist-tag: use 1 to {NpmLimits.MaxTagLength} of a-z, A-Z, 0-9, '-', '.', '_'";
        }

        string bare = tag.StartsWith('v') ? tag[1..] : tag;
        return NpmVersion.IsValid(bare) || (bare.Length > 0 && bare.AsSpan().IndexOfAnyExcept("0123456789.") < 0)
            ? $"'{tag}' is not a valid dist-tag: it looks like a version"
            : null;
    }

    /// <summary>Reads a stored dist-tags document; tags that are not strings are skipped.</summary>
    public static SortedDictionary<string, string> Parse(ReadOnlyMemory<byte> json)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty tag in document.RootElement.EnumerateObject())
            {
                if (tag.Value.ValueKind == JsonValueKind.String)
                {
                    tags[tag.Name] = tag.Value.GetString()!;
                }
            }
        }

        return tags;
    }

    public static byte[] Serialize(IReadOnlyDictionary<string, string> tags) => JsonSerializer.SerializeToUtf8Bytes(tags);
}
