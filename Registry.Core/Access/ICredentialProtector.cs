namespace Registry.Core.Access;

/// <summary>
/// Encrypts the credentials this registry presents to other registries (a remote repository's upstream password, a
/// replication peer's), so the metadata store never holds them in clear text. Every node of a fleet shares the keys.
/// </summary>
public interface ICredentialProtector
{
    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    string Protect(string secret);

    /// <summary>The clear text of a value <see cref="Protect"/> returned; null when it cannot be decrypted (the keys were lost or replaced).</summary>
    string? Unprotect(string protectedSecret);
}
