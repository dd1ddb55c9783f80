using Registry.Core.Manifests;

namespace Registry.Api.Oci;

/// <summary>A platform a prefetch asks for, <c>os/architecture</c> or <c>os/architecture/variant</c>, parsed once at the edge.</summary>
internal sealed record PrefetchPlatform(string Os, string Architecture, string? Variant)
{
    public static bool TryParse(string? text, out PrefetchPlatform? platform)
    {
        platform = null;
        string[] parts = (text ?? string.Empty).Split('/');
        if (parts.Length is < 2 or > 3 || Array.Exists(parts, p => p.Length == 0 || p.Length > 64 || p.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        platform = new PrefetchPlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        return true;
    }

    /// <summary>Whether an index entry's platform is this one (a variant left out matches any variant).</summary>
    public bool Matches(Platform? other)
        => other is not null
            && string.Equals(other.Os, Os, StringComparison.Ordinal)
            && string.Equals(other.Architecture, Architecture, StringComparison.Ordinal)
            && (Variant is null || string.Equals(other.Variant, Variant, StringComparison.Ordinal));

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
