namespace Registry.Core.Access;

public enum AccessChangeStatus
{
    Done,
    Denied,
    InvalidName,
    InvalidPassword,
    Invalid,
    NotFound,
    Conflict,
    /// <summary>A change a caller may not make to their own account (delete, disable, drop their global role).</summary>
    Self,
    /// <summary>The current password given with a change of one's own password is missing or wrong.</summary>
    WrongPassword,
}
