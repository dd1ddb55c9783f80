namespace Registry.Core.Access;

/// <summary>
/// Password hashes and CI token secrets, for <see cref="AccessAdministration"/>. The host implements it with its
/// password hasher (the stored hash format is the host's) and its CI token secret format.
/// </summary>
public interface IAccountSecrets
{
    string HashPassword(string password);

    bool VerifyPassword(string hash, string password);

    /// <summary>A new CI token: its id, the secret shown once, and the hash of the secret to store.</summary>
    (string Id, string Secret, byte[] Hash) NewCiTokenSecret();
}
