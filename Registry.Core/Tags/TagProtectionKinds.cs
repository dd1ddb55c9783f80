using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Tags;

/// <summary>The API names of <see cref="TagProtectionKind"/>: <c>immutable</c> and <c>protected-from-deletion</c>.</summary>
public static class TagProtectionKinds
{
    public const string Immutable = "immutable";

    public const string ProtectedFromDeletion = "protected-from-deletion";

    public static string ToName(this TagProtectionKind kind) => kind == TagProtectionKind.Immutable ? Immutable : ProtectedFromDeletion;

    public static bool TryParse(string? name, [NotNullWhen(true)] out TagProtectionKind? kind)
    {
        kind = name switch
        {
            Immutable => TagProtectionKind.Immutable,
            ProtectedFromDeletion => TagProtectionKind.ProtectedFromDeletion,
            _ => null,
        };
        return kind is not null;
    }
}
