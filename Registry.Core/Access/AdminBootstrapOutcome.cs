namespace Registry.Core.Access;

/// <summary>What <see cref="AccessAdministration.BootstrapAdminAsync"/> did.</summary>
public enum AdminBootstrapOutcome
{
    /// <summary>A user already held the global admin role; nothing changed.</summary>
    NotNeeded,

    /// <summary>The account was created with the password given, and granted the global admin role.</summary>
    Created,

    /// <summary>The account existed (its password unchanged) and was granted the global admin role again.</summary>
    Regranted,
}
