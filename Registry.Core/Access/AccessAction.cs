namespace Registry.Core.Access;

/// <summary>An action on a repository (or on every repository of a scope), as roles and CI tokens allow them.</summary>
[Flags]
public enum AccessAction
{
    None = 0,
    Pull = 1,
    Push = 2,
    Delete = 4,

    /// <summary>Manage tags, protection and retention rules.</summary>
    Manage = 8,

    /// <summary>Grant roles on the scope; granted globally: manage users, tokens of others, settings, the audit log.</summary>
    Administer = 16,

    All = Pull | Push | Delete | Manage | Administer,
}
