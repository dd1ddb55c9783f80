using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary>Reads JWTs the registry issued, and forges ones it should refuse (or, as a control, accept).</summary>
public static class Jwt
{
    public static JsonElement Header(string jwt) => Part(jwt, 0);

    public static JsonElement Payload(string jwt) => Part(jwt, 1);

    /// <summary>The <c>access</c> claim as <c>type:name:action,action</c> strings, in claim order.</summary>
    public static List<string> Access(string jwt)
    {
        JsonElement access = Payload(jwt).GetProperty("access");
        return [.. access.EnumerateArray().Select(e =>
            $"{e.GetProperty("type").GetString()}:{e.GetProperty("name").GetString()}:{string.Join(',', e.GetProperty("actions").EnumerateArray().Select(a => a.GetString()))}")];
    }

    /// <summary>The registry's current signing key, read from the access store as a node would.</summary>
    public static async Task<ECDsaSecurityKey> CurrentKeyAsync(IAccessStore store)
    {
        SigningKeyRecord record = (await store.ListSigningKeysAsync(CancellationToken.None)).Last(k => k.RetiredAt is null);
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(record.PrivateKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = record.KeyId };
    }

    /// <summary>A fresh P-256 key that claims the given key id.</summary>
    public static ECDsaSecurityKey ImpostorKey(string keyId) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId };

    /// <summary>
    /// A signed access token as the registry would issue it, with every part overridable: by default valid for five
    /// minutes, for <c>registry-token-issuer</c> and audience <c>registry</c>, granting <paramref name="access"/>.
    /// </summary>
    public static string Sign(SecurityKey key, string subject, IEnumerable<(string Name, string[] Actions)> access,
        string issuer = "registry-token-issuer", string audience = "registry", DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null,
        string algorithm = SecurityAlgorithms.EcdsaSha256, string type = "JWT")
    {
        DateTimeOffset iat = issuedAt ?? DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = iat.UtcDateTime,
            NotBefore = iat.UtcDateTime,
            Expires = (iat + (lifetime ?? TimeSpan.FromMinutes(5))).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, algorithm),
            TokenType = type,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["access"] = AccessJson(access),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string subject, IEnumerable<(string Name, string[] Actions)> access, string keyId)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = Encode(new { alg = "none", typ = "JWT", kid = keyId });
        string payload = Encode(new Dictionary<string, object>
        {
            ["iss"] = "registry-token-issuer",
            ["aud"] = "registry",
            ["sub"] = subject,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["access"] = AccessJson(access),
        });
        return header + "." + payload + ".";
    }

    /// <summary>The token with its payload replaced by <paramref name="edit"/>'s result, and the original signature kept.</summary>
    public static string WithPayload(string jwt, Func<string, string> edit)
    {
        string[] parts = jwt.Split('.');
        string payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        return parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(edit(payload))) + "." + parts[2];
    }

    private static JsonElement AccessJson(IEnumerable<(string Name, string[] Actions)> access)
        => JsonSerializer.SerializeToElement(access.Select(a => new { type = "repository", name = a.Name, actions = a.Actions }));

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    private static JsonElement Part(string jwt, int index)
    {
        string[] parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using JsonDocument json = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[index]));
        return json.RootElement.Clone();
    }
}
