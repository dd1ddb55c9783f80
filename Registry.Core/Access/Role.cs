namespace Registry.Core.Access;

/// <summary>
/// What a user may do on the scope a role is granted on. Each role includes everything the roles before it allow.
/// </summary>
public enum Role
{
    /// <summary>Pull images and artifacts.</summary>
    Reader = 1,

    /// <summary>Pull and push.</summary>
    Developer = 2,

    /// <summary>Pull, push, delete, and manage tags, protection and retention.</summary>
    Maintainer = 3,

    /// <summary>Everything, including who may do what on the scope (and, granted globally, users and settings).</summary>
    Admin = 4,
}
