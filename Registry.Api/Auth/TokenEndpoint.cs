using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Http;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>
/// <c>/token</c>, Docker's token protocol. GET takes Basic credentials (or none, for anonymous pulls of public
/// repositories) and <c>scope</c>/<c>service</c>/<c>offline_token</c>; POST takes the OAuth2 <c>password</c> and
/// <c>refresh_token</c> grants as a form. Either returns <c>token</c>, <c>access_token</c>, <c>expires_in</c>,
/// <c>issued_at</c> and, when asked for offline access and <see cref="AuthSettings.IdentityTokens"/> is on, a
/// <c>refresh_token</c>.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/token", GetAsync);
        app.MapPost("/token", PostAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, TokenServices services)
    {
        IQueryCollection query = context.Request.Query;
        if (WrongService(query["service"], services) is { } wrong)
        {
            return OciResults.Error(OciErrorCode.Unsupported, null, StatusCodes.Status400BadRequest, wrong);
        }

        if (context.GetAuthFailure() is { } failure)
        {
            return failure.RetryAfter is not null
                ? RegistryChallenge.TooManyLogins(failure)
                : BasicChallenge(OciResults.Error(OciErrorCode.Unauthorized, null, null, failure.Reason));
        }

        Caller caller = context.GetCaller();
        if (caller.TokenAccess is not null)
        {
            return BasicChallenge(OciResults.Error(OciErrorCode.Unauthorized, null, null, "the token endpoint takes Basic credentials (a password or CI token), not a bearer token"));
        }

        bool offline = string.Equals(query["offline_token"], "true", StringComparison.OrdinalIgnoreCase);
        return await IssueAsync(context, services, caller, ScopeRequest.ParseAll(query["scope"]), offline && !caller.IsAnonymous && services.Options.Value.IdentityTokens);
    }

    private static async Task<IResult> PostAsync(HttpContext context, TokenServices services)
    {
        if (!context.Request.HasFormContentType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "send the grant as application/x-www-form-urlencoded");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (WrongService(form["service"], services) is { } wrong)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", wrong);
        }

        Caller? caller;
        bool offline = string.Equals(form["access_type"], "offline", StringComparison.Ordinal) && services.Options.Value.IdentityTokens;
        switch (form["grant_type"].ToString())
        {
            case "password":
                string name = form["username"].ToString();
                if (name.Length == 0)
                {
                    return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "username is required");
                }

                LoginResult login = await services.Verifier.VerifyAsync(name, form["password"].ToString(), context, context.RequestAborted);
                if (login.Failure is { } failure)
                {
                    return failure.RetryAfter is not null
                        ? new WithHeaderResult(
                            OAuthError(StatusCodes.Status429TooManyRequests, "invalid_grant", failure.Reason),
                            "Retry-After",
                            Math.Ceiling(failure.RetryAfter.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture))
                        : OAuthError(StatusCodes.Status401Unauthorized, "invalid_grant", failure.Reason);
                }

                caller = login.Caller!;
                break;
            case "refresh_token":
                caller = await services.Validation.ValidateRefreshTokenAsync(form["refresh_token"].ToString());
                if (caller is null || caller.IsAnonymous || !await services.Directory.IsActiveAsync(caller, services.Time.GetUtcNow(), context.RequestAborted))
                {
                    services.Audit.Record(context, caller?.Subject ?? "unknown", "login.failure", caller?.Subject, "invalid or revoked refresh token", success: false);
                    return OAuthError(StatusCodes.Status401Unauthorized, "invalid_grant", "the refresh token is invalid, expired or revoked; log in again");
                }

                offline = false;
                break;
            default:
                return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be password or refresh_token");
        }

        return await IssueAsync(context, services, caller, ScopeRequest.ParseAll(form["scope"]), offline);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, TokenServices services, Caller caller, List<ScopeRequest> scopes, bool withRefreshToken)
    {
        Permissions permissions = await services.Directory.GetPermissionsAsync(caller, context.RequestAborted);
        List<GrantedAccess> access = TokenGrants.Grant(caller, permissions, scopes, await MirroredAsync(context, permissions, scopes), await DeployableAsync(context, permissions, scopes));
        IssuedToken token = services.Issuer.IssueAccessToken(caller, access);
        string? refresh = withRefreshToken ? services.Issuer.IssueRefreshToken(caller) : null;
        string scope = string.Join(' ', access.Select(a => $"{a.Type}:{a.Name}:{string.Join(',', a.Actions)}"));
        context.Response.Headers.CacheControl = "no-store";
        return new TokenResponseResult(token, refresh, scope);
    }

    /// <summary>The requested names the caller may pull through a registry mirror although it has no role on them (see <see cref="IMirrorAccess"/>).</summary>
    private static async Task<IReadOnlySet<string>?> MirroredAsync(HttpContext context, Permissions permissions, List<ScopeRequest> scopes)
    {
        if (context.RequestServices.GetService<IMirrorAccess>() is not { } mirrors)
        {
            return null;
        }

        HashSet<string>? mirrored = null;
        foreach (ScopeRequest request in scopes)
        {
            if (request.Type == GrantedAccess.RepositoryType && request.Actions.Contains("pull")
                && RepositoryName.TryParse(request.Name, out RepositoryName? repository) && !permissions.Allows(repository, AccessAction.Pull))
            {
                foreach (RepositoryName mapped in await mirrors.MirroredNamesAsync(repository, context.RequestAborted))
                {
                    if (permissions.Allows(mapped, AccessAction.Pull))
                    {
                        (mirrored ??= new HashSet<string>(StringComparer.Ordinal)).Add(repository.Value);
                        break;
                    }
                }
            }
        }

        return mirrored;
    }

    /// <summary>The requested names below a docker virtual repository whose deployment repository the caller may push to (see <see cref="IMirrorAccess.DeploymentOfAsync"/>).</summary>
    private static async Task<IReadOnlySet<string>?> DeployableAsync(HttpContext context, Permissions permissions, List<ScopeRequest> scopes)
    {
        if (context.RequestServices.GetService<IMirrorAccess>() is not { } mirrors)
        {
            return null;
        }

        HashSet<string>? deployable = null;
        foreach (ScopeRequest request in scopes)
        {
            if (request.Type == GrantedAccess.RepositoryType && request.Actions.Contains("push")
                && RepositoryName.TryParse(request.Name, out RepositoryName? repository) && !permissions.Allows(repository, AccessAction.Push)
                && await mirrors.DeploymentOfAsync(repository, context.RequestAborted) is { } deployment && permissions.Allows(deployment, AccessAction.Push))
            {
                (deployable ??= new HashSet<string>(StringComparer.Ordinal)).Add(repository.Value);
            }
        }

        return deployable;
    }

    private static string? WrongService(string? service, TokenServices services)
        => string.IsNullOrEmpty(service) || service == services.Options.Value.Service
            ? null
            : $"this token service is '{services.Options.Value.Service}', not '{service}'";

    private static IResult BasicChallenge(IResult inner) => new WithHeaderResult(inner, "WWW-Authenticate", "Basic realm=\"registry\"");

    private static IResult OAuthError(int status, string error, string description)
        => Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    /// <summary>The token response body, written directly.</summary>
    private sealed class TokenResponseResult(IssuedToken token, string? refreshToken, string scope) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
            writer.WriteStartObject();
            writer.WriteString("token", token.Token);
            writer.WriteString("access_token", token.Token);
            writer.WriteNumber("expires_in", (long)token.Lifetime.TotalSeconds);
            writer.WriteString("issued_at", token.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("scope", scope);
            if (refreshToken is not null)
            {
                writer.WriteString("refresh_token", refreshToken);
            }

            writer.WriteEndObject();
        }
    }
}
