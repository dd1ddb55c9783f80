namespace Registry.Core.Manifests;

/// <summary>Either a parsed manifest or the reason it is invalid.</summary>
public readonly record struct ManifestParseResult(ParsedManifest? Manifest, string? Error)
{
    public static ManifestParseResult Invalid(string error) => new(null, error);
}
