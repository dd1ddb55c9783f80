using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Events;

/// <summary>
/// The signature every delivery carries: <c>X-Registry-Signature-256: sha256=&lt;hex&gt;</c>, the lowercase hex
/// HMAC-SHA256 of the exact request body under the webhook's secret (UTF-8), as GitHub signs its webhooks.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-Registry-Signature-256";

    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
        => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Checks a header value in constant time, as a receiver should.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
        => header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));
}
