using Microsoft.Extensions.Options;
using Registry.Api.Http;
using Registry.Api.Oci;
using Registry.Core.Errors;

namespace Registry.Api.Auth;

/// <summary>
/// The 401 answer that sends Docker clients to the token endpoint:
/// <c>WWW-Authenticate: Bearer realm="&lt;base&gt;/token",service="&lt;name&gt;",scope="..."</c>, with
/// <c>error="insufficient_scope"</c> when a token was presented but lacks the scope, or <c>error="invalid_token"</c>
/// when the presented credentials were refused.
/// </summary>
internal sealed class RegistryChallenge(IOptions<AuthSettings> options)
{
    public IResult Unauthorized(HttpContext context, string? scope, string? error, string message)
        => new WithHeaderResult(OciResults.Error(OciErrorCode.Unauthorized, null, null, message), "WWW-Authenticate", Header(context, scope, error));

    /// <summary>The <c>WWW-Authenticate</c> value of the Bearer challenge.</summary>
    public string Header(HttpContext context, string? scope, string? error)
    {
        AuthSettings settings = options.Value;
        string realm = settings.Realm ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/token";
        string header = $"Bearer realm=\"{realm}\",service=\"{settings.Service}\"";
        if (scope is not null)
        {
            header += $",scope=\"{scope}\"";
        }

        if (error is not null)
        {
            header += $",error=\"{error}\"";
        }

        return header;
    }

    public static IResult TooManyLogins(AuthFailure failure)
        => new WithHeaderResult(
            OciResults.Error(OciErrorCode.TooManyRequests, null, null, failure.Reason),
            "Retry-After",
            RetryAfterSeconds(failure));

    /// <summary>The <c>Retry-After</c> value, in whole seconds, of a throttled login.</summary>
    public static string RetryAfterSeconds(AuthFailure failure)
        => Math.Ceiling(failure.RetryAfter!.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
