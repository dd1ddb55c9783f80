namespace Registry.Core.Access;

/// <summary>What a role grant, a public mark or a CI token scope covers.</summary>
public enum ScopeKind
{
    /// <summary>Every repository (and, for admins, the registry itself).</summary>
    Global = 0,

    /// <summary>Every repository whose first path component is the scope's name.</summary>
    Namespace = 1,

    /// <summary>Exactly one repository.</summary>
    Repository = 2,
}
