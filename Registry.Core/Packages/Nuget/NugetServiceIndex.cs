using System.Text.Json;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// Reads an upstream's service index (<c>index.json</c>): the URL of its flat container (<c>PackageBaseAddress/3.0.0</c>),
/// which a remote needs to list versions and fetch packages, and of its search (<c>SearchQueryService</c>, any version).
/// </summary>
public static class NugetServiceIndex
{
    public const string PackageBaseAddress = "PackageBaseAddress/3.0.0";

    public const string SearchQueryService = "SearchQueryService";

    /// <summary>The largest service index read: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The absolute URL of the flat container (ending in <c>/</c>), or null when the index names none.</summary>
    public static Uri? PackageBaseAddressOf(ReadOnlySpan<byte> json)
        => ResourceOf(json, type => type == PackageBaseAddress) is { } url
            ? url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/")
            : null;

    /// <summary>The absolute URL of the search service (<c>SearchQueryService</c> or one of its versions), or null.</summary>
    public static Uri? SearchQueryServiceOf(ReadOnlySpan<byte> json)
        => ResourceOf(json, type => type == SearchQueryService || type.StartsWith(SearchQueryService + "/", StringComparison.Ordinal));

    /// <summary>The <c>@id</c> of the first resource whose <c>@type</c> matches, when it is an absolute http(s) URL.</summary>
    private static Uri? ResourceOf(ReadOnlySpan<byte> json, Func<string, bool> type)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("resources", out JsonElement resources) || resources.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (JsonElement resource in resources.EnumerateArray())
            {
                if (resource.ValueKind == JsonValueKind.Object
                    && resource.TryGetProperty("@type", out JsonElement kind) && kind.ValueKind == JsonValueKind.String && type(kind.GetString()!)
                    && resource.TryGetProperty("@id", out JsonElement id) && id.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(id.GetString(), UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https")
                {
                    return url;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
