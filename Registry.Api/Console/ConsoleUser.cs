using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Api.Console;

/// <summary>Who is using the console and what their current roles allow (the same <see cref="Permissions"/> the API decides by).</summary>
internal sealed record ConsoleUser(Caller Caller, Permissions Permissions)
{
    public string Name => Caller.Subject;

    public bool IsAdmin => Permissions.IsGlobalAdmin;

    public bool May(RepositoryName repository, AccessAction action) => Permissions.Allows(repository, action);

    public bool MayPull(RepositoryName repository) => May(repository, AccessAction.Pull);

    /// <summary>Delete tags, retag, restore and protection rules: the maintainer role (manage), as the management API requires.</summary>
    public bool MayManage(RepositoryName repository) => May(repository, AccessAction.Manage);
}
