using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Auth;

/// <summary>
/// The secret of a CI token: <c>rgt_&lt;id&gt;_&lt;random&gt;</c>. The id finds the stored row; the random part is 256 bits,
/// so a SHA-256 of the whole secret is a safe thing to store and compare.
/// </summary>
internal static class CiTokenSecret
{
    public const string Prefix = Core.Access.AccountNames.CiTokenSecretPrefix;
    private const int IdLength = 12;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static (string Id, string Secret) Generate()
    {
        string id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        string random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, Prefix + id + "_" + random);
    }

    public static bool LooksLikeSecret(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryGetId(string secret, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (!LooksLikeSecret(secret) || secret.Length < Prefix.Length + IdLength + 2 || secret[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        id = secret.Substring(Prefix.Length, IdLength);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
