namespace Registry.Core.Access;

/// <summary>What a change to users, roles, public scopes or CI tokens came to, with the message for a refusal.</summary>
public sealed record AccessChangeResult(AccessChangeStatus Status, string? Message = null)
{
    public static readonly AccessChangeResult Done = new(AccessChangeStatus.Done);

    public bool Succeeded => Status == AccessChangeStatus.Done;
}
