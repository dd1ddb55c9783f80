using Registry.Core.Access;

namespace Registry.Api.Management.Models;

internal sealed record UserModel(string Name, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<RoleModel> Roles)
{
    public static UserModel From(UserRecord user, IEnumerable<RoleGrant> grants)
        => new(user.Name, user.Disabled, user.CreatedAt, user.UpdatedAt, [.. grants.Where(g => g.Subject == user.Name).Select(RoleModel.From)]);
}
