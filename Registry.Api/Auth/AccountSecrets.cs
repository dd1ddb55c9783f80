using Microsoft.AspNetCore.Identity;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>The host's password hash format (<see cref="Passwords"/>) and CI token secrets (<see cref="CiTokenSecret"/>) for the Core services.</summary>
internal sealed class AccountSecrets : IAccountSecrets
{
    public string HashPassword(string password) => Passwords.Hash(password);

    public bool VerifyPassword(string hash, string password) => Passwords.Verify(hash, password) != PasswordVerificationResult.Failed;

    public (string Id, string Secret, byte[] Hash) NewCiTokenSecret()
    {
        (string id, string secret) = CiTokenSecret.Generate();
        return (id, secret, CiTokenSecret.Hash(secret));
    }
}
