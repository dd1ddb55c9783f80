using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Access;

/// <summary>The actions each role allows, and role names as the API spells them.</summary>
public static class Roles
{
    public static AccessAction Actions(this Role role) => role switch
    {
        Role.Reader => AccessAction.Pull,
        Role.Developer => AccessAction.Pull | AccessAction.Push,
        Role.Maintainer => AccessAction.Pull | AccessAction.Push | AccessAction.Delete | AccessAction.Manage,
        Role.Admin => AccessAction.All,
        _ => AccessAction.None,
    };

    public static string ToName(this Role role) => role switch
    {
        Role.Reader => "reader",
        Role.Developer => "developer",
        Role.Maintainer => "maintainer",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out Role? role)
    {
        role = text switch
        {
            "reader" => Role.Reader,
            "developer" => Role.Developer,
            "maintainer" => Role.Maintainer,
            "admin" => Role.Admin,
            _ => null,
        };
        return role is not null;
    }
}
