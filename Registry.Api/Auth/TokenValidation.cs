using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Auth;

/// <summary>
/// What a registry JWT must satisfy: this registry's issuer and audience (the service), an unexpired lifetime, an
/// ES256 signature by one of the ring's keys (so <c>alg: none</c> and foreign keys fail), and the expected <c>typ</c>.
/// </summary>
internal sealed class TokenValidation(SigningKeyRing keys, IOptions<AuthSettings> options)
{
    private readonly JsonWebTokenHandler _refreshHandler = new();

    public TokenValidationParameters For(string tokenType)
    {
        AuthSettings settings = options.Value;
        return new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Service,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SigningKeyRing.Algorithm],
            ValidTypes = [tokenType],
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
        };
    }

    /// <summary>The caller a refresh token names, or null when it is not a valid refresh token of this registry.</summary>
    public async Task<Caller?> ValidateRefreshTokenAsync(string token)
    {
        TokenValidationResult result = await _refreshHandler.ValidateTokenAsync(token, For(TokenIssuer.RefreshTokenType));
        return result.IsValid && result.SecurityToken is JsonWebToken jwt ? JwtCallers.FromSubject(jwt) : null;
    }
}
