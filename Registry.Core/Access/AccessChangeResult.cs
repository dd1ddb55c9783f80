namespace Registry.Core.Access;

/// <summary>
/// What a change to users, roles, public scopes or CI tokens came to, with the message for a refusal and, for invalid
/// input, the name of the field at fault (<c>name</c>, <c>password</c>, <c>actions</c>, ...).
/// </summary>
public sealed record AccessChangeResult(AccessChangeStatus Status, string? Message = null, string? Field = null)
{
    public static readonly AccessChangeResult Done = new(AccessChangeStatus.Done);

    public bool Succeeded => Status == AccessChangeStatus.Done;
}
