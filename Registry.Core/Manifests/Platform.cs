namespace Registry.Core.Manifests;

/// <summary>The platform of an index entry (os/architecture[/variant]).</summary>
public sealed record Platform(string Os, string Architecture, string? Variant)
{
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
