using Microsoft.AspNetCore.Identity;

namespace Registry.Api.Auth;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, versioned format).</summary>
internal static class Passwords
{
    public const int MinLength = Core.Access.AccountNames.PasswordMinLength;
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    /// <summary>A hash of a random password: verifying against it costs what a real check costs, for unknown accounts.</summary>
    public static string DummyHash { get; } = Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    public static PasswordVerificationResult Verify(string hash, string password) => Hasher.VerifyHashedPassword(Nobody, hash, password);

    /// <summary>A readable random password: 24 characters from an alphabet without look-alikes.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 24);
    }
}
