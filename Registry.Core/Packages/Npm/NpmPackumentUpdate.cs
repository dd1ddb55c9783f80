using System.Text.Json;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// A packument the client sends back changed, without attachments: <c>npm deprecate</c> (versions with or without a
/// <c>deprecated</c> message) and <c>npm unpublish name@version</c> (the version left out, its dist-tags moved). Holds
/// the versions it lists with their deprecation (empty: none) and its dist-tags.
/// </summary>
public sealed record NpmPackumentUpdate(IReadOnlyDictionary<string, string> Deprecations, IReadOnlyDictionary<string, string> DistTags)
{
    public static NpmPackumentUpdate? Read(NpmPackageName urlName, JsonElement document, out string? error)
    {
        ArgumentNullException.ThrowIfNull(urlName);
        if (document.ValueKind != JsonValueKind.Object)
        {
            error = "the packument must be a JSON object";
            return null;
        }

        string? bodyName = document.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        if (bodyName != urlName.Full)
        {
            error = $"the name in the document ('{bodyName}') is not the package name in the URL ('{urlName.Full}')";
            return null;
        }

        if (!document.TryGetProperty("versions", out JsonElement versions) || versions.ValueKind != JsonValueKind.Object)
        {
            error = "the packument has no 'versions' object";
            return null;
        }

        var deprecations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty version in versions.EnumerateObject())
        {
            if (version.Value.ValueKind != JsonValueKind.Object)
            {
                error = $"version '{version.Name}' is not an object";
                return null;
            }

            string message = version.Value.TryGetProperty("deprecated", out JsonElement deprecated) && deprecated.ValueKind == JsonValueKind.String
                ? deprecated.GetString()! : string.Empty;
            if (message.Length > NpmLimits.MaxDeprecationLength)
            {
                error = $"the deprecation message of version {version.Name} is longer than {NpmLimits.MaxDeprecationLength} characters";
                return null;
            }

            deprecations[version.Name] = message;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.TryGetProperty("dist-tags", out JsonElement distTags) && distTags.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty tag in distTags.EnumerateObject())
            {
                if (tag.Value.ValueKind == JsonValueKind.String && NpmDistTags.TagError(tag.Name) is null)
                {
                    tags[tag.Name] = tag.Value.GetString()!;
                }
            }
        }

        error = null;
        return new NpmPackumentUpdate(deprecations, tags);
    }
}
