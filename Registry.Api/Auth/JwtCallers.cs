using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Reads the caller out of a validated registry JWT: <c>sub</c> names a user, <c>token:&lt;name&gt;</c> with <c>ctid</c>
/// a CI token, <c>anonymous</c> nobody; an access token also carries its <c>access</c> entries. The result is kept
/// with the token object, which the validation cache hands out again for every request with the same token.
/// </summary>
internal static class JwtCallers
{
    private static readonly ConditionalWeakTable<SecurityToken, Caller> Known = [];

    public static Caller? FromAccessToken(JsonWebToken token)
    {
        if (Known.TryGetValue(token, out Caller? known))
        {
            return known;
        }

        Caller? caller = FromSubject(token);
        if (caller is null)
        {
            return null;
        }

        using JsonDocument payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        TokenAccess access = TokenAccess.Parse(payload.RootElement.TryGetProperty(TokenIssuer.AccessClaim, out JsonElement element) ? element : default);
        caller = caller.WithTokenAccess(access);
        Known.AddOrUpdate(token, caller);
        return caller;
    }

    /// <summary>The caller a token's subject names, without access entries (refresh tokens); null when malformed.</summary>
    public static Caller? FromSubject(JsonWebToken token)
    {
        string? subject = token.TryGetPayloadValue(JwtRegisteredClaimNames.Sub, out string? sub) ? sub : null;
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        if (subject == Permissions.AnonymousSubject)
        {
            return Caller.Anonymous;
        }

        if (subject.StartsWith("token:", StringComparison.Ordinal))
        {
            return token.TryGetPayloadValue(TokenIssuer.CiTokenClaim, out string? id) && !string.IsNullOrEmpty(id)
                ? new Caller(CallerKind.CiToken, subject, id, null)
                : null;
        }

        return Caller.ForUser(subject);
    }
}
