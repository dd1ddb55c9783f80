using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Auth;

/// <summary>
/// The JWT handler JwtBearer validates with, remembering tokens it found valid until they expire: a client sends
/// the same token with every request of a pull, and checking an ECDSA signature each time would dominate a manifest
/// GET. Only successful validations are remembered; everything else is validated in full every time.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, TokenValidationResult> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        if (_valid.TryGetValue(token, out TokenValidationResult? known))
        {
            if (known.SecurityToken.ValidTo > now)
            {
                return known;
            }

            _valid.TryRemove(token, out _);
        }

        TokenValidationResult result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (_valid.Count >= MaxEntries)
            {
                Prune(now);
            }

            _valid[token] = result;
        }

        return result;
    }

    private void Prune(DateTime now)
    {
        foreach ((string token, TokenValidationResult result) in _valid)
        {
            if (result.SecurityToken.ValidTo <= now)
            {
                _valid.TryRemove(token, out _);
            }
        }

        if (_valid.Count >= MaxEntries)
        {
            _valid.Clear();
        }
    }
}
