using System.Text.Json;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// Reads an upstream's service index (<c>index.json</c>): the URL of its flat container (<c>PackageBaseAddress/3.0.0</c>),
/// which a remote needs to list versions and fetch packages.
/// </summary>
public static class NugetServiceIndex
{
    public const string PackageBaseAddress = "PackageBaseAddress/3.0.0";

    /// <summary>The largest service index read: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The absolute URL of the flat container (ending in <c>/</c>), or null when the index names none.</summary>
    public static Uri? PackageBaseAddressOf(ReadOnlySpan<byte> json)
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
                    && resource.TryGetProperty("@type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() == PackageBaseAddress
                    && resource.TryGetProperty("@id", out JsonElement id) && id.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(id.GetString(), UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https")
                {
                    return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
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
