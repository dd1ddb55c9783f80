using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Registry.Api.Auth;

/// <summary>
/// <c>Authorization: Basic</c> on any endpoint: a user's password or a CI token secret; or a CI token secret alone
/// (<see cref="TryReadBareSecret"/>). The caller it establishes
/// has no token access entries, so its current roles decide each request.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryRead(Request.Headers.Authorization, out string? name, out string? password)
            && !(TryReadBareSecret(Request.Headers, out password) && (name = string.Empty) is not null))
        {
            if (Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                Context.SetAuthFailure(new AuthFailure("malformed Basic credentials"));
                return AuthenticateResult.Fail("malformed Basic credentials");
            }

            return AuthenticateResult.NoResult();
        }

        LoginResult result = await verifier.VerifyAsync(name, password, Context, Context.RequestAborted);
        if (result.Caller is not { } caller)
        {
            Context.SetAuthFailure(result.Failure!);
            return AuthenticateResult.Fail(result.Failure!.Reason);
        }

        Context.SetCaller(caller);
        var identity = new ClaimsIdentity([new Claim("sub", caller.Subject)], SchemeName, "sub", null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// A CI token's secret sent alone, as package clients do: <c>Authorization: Bearer rgt_...</c> (npm's
    /// <c>_authToken</c>) or, without an <c>Authorization</c> header, <c>X-NuGet-ApiKey: rgt_...</c> (<c>dotnet nuget
    /// push --api-key</c>). The secret names its token, so no user name is needed.
    /// </summary>
    public static bool TryReadBareSecret(IHeaderDictionary headers, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? secret)
    {
        string authorization = headers.Authorization.ToString();
        string candidate = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.Length == 0 ? headers["X-NuGet-ApiKey"].ToString().Trim()
            : string.Empty;
        secret = CiTokenSecret.LooksLikeSecret(candidate) ? candidate : null;
        return secret is not null;
    }

    /// <summary>Reads <c>Basic base64(name:password)</c>; the password may contain colons, the name may not.</summary>
    public static bool TryRead(string? header, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? password)
    {
        name = password = null;
        if (!AuthenticationHeaderValue.TryParse(header, out AuthenticationHeaderValue? value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return false;
        }

        byte[] bytes = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, bytes, out int length))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        int colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        name = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
