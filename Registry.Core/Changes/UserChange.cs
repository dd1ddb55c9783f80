namespace Registry.Core.Changes;

public enum UserChange
{
    Created,
    Deleted,
    Disabled,
    Enabled,
    PasswordSet,
}
