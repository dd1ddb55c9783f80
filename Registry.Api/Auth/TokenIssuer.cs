using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Auth;

/// <summary>
/// Signs the JWTs <c>/token</c> hands out: short-lived access tokens listing the granted <c>access</c> entries, as
/// Docker's token specification describes, and refresh tokens (<c>docker login</c>'s identity token).
/// </summary>
internal sealed class TokenIssuer(SigningKeyRing keys, IOptions<AuthSettings> options, TimeProvider time)
{
    /// <summary>The JWT <c>typ</c> of refresh tokens; access tokens are plain <c>JWT</c>, so neither passes for the other.</summary>
    public const string RefreshTokenType = "rt+jwt";

    /// <summary>Claim naming the CI token a JWT was issued for, so revoking it ends the JWT too.</summary>
    public const string CiTokenClaim = "ctid";

    public const string AccessClaim = "access";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private AuthSettings Settings => options.Value;

    public IssuedToken IssueAccessToken(Caller caller, IReadOnlyList<GrantedAccess> access)
    {
        DateTimeOffset now = time.GetUtcNow();
        var claims = BaseClaims(caller);
        claims[AccessClaim] = AccessElement(access);
        string token = Sign(claims, JwtConstants.HeaderType, now, Settings.TokenLifetime);
        return new IssuedToken(token, now, Settings.TokenLifetime);
    }

    public string IssueRefreshToken(Caller caller)
        => Sign(BaseClaims(caller), RefreshTokenType, time.GetUtcNow(), Settings.RefreshTokenLifetime);

    private Dictionary<string, object> BaseClaims(Caller caller)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = caller.Subject,
            [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        };
        if (caller.CiTokenId is { } id)
        {
            claims[CiTokenClaim] = id;
        }

        return claims;
    }

    private string Sign(Dictionary<string, object> claims, string type, DateTimeOffset now, TimeSpan lifetime)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Service,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = keys.Current,
            TokenType = type,
            Claims = claims,
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>The access list as a JSON array, the one claim value shape the token handler writes as nested JSON.</summary>
    private static JsonElement AccessElement(IReadOnlyList<GrantedAccess> access)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (GrantedAccess entry in access)
            {
                writer.WriteStartObject();
                writer.WriteString("type", entry.Type);
                writer.WriteString("name", entry.Name);
                writer.WriteStartArray("actions");
                foreach (string action in entry.Actions)
                {
                    writer.WriteStringValue(action);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
