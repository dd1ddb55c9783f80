using Registry.Api.Auth;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Errors;

namespace Registry.Api.Management;

/// <summary>
/// Who is calling the management API and what they may do now. The API takes the same identities as the registry
/// (Basic with a password or CI token, or a bearer token from <c>/token</c>); what they may do is always decided by
/// their current roles, not by a token's access entries.
/// </summary>
internal sealed class ManagementCaller(Caller caller, Permissions permissions)
{
    public Caller Caller => caller;

    public Permissions Permissions => permissions;

    public bool IsUser => caller.Kind == CallerKind.User;

    /// <summary>The caller, or the 401/429 result when the request did not authenticate.</summary>
    public static async ValueTask<(ManagementCaller? Caller, IResult? Error)> ResolveAsync(HttpContext context, AccessDirectory directory)
    {
        if (context.GetAuthFailure() is { } failure)
        {
            return (null, failure.RetryAfter is not null ? RegistryChallenge.TooManyLogins(failure) : Unauthorized(failure.Reason));
        }

        Caller caller = context.GetCaller();
        if (caller.TokenAccess is { Management: false })
        {
            // A token fetched to pull or push (say, one leaked from a CI log) is no key to the management API.
            return (null, context.RequestServices.GetRequiredService<RegistryChallenge>().Unauthorized(
                context, "registry:management:*", "insufficient_scope", "bearer tokens for the management API need the scope registry:management:*"));
        }

        Permissions permissions = await directory.GetPermissionsAsync(caller, context.RequestAborted);
        if (caller.IsAnonymous && !permissions.IsGlobalAdmin)
        {
            return (null, Unauthorized("authentication required: send Basic credentials (a password or CI token) or a bearer token"));
        }

        return (new ManagementCaller(caller, permissions), null);
    }

    public static IResult Denied(string message) => OciResults.Error(OciErrorCode.Denied, null, null, message);

    public static IResult BadRequest(string message) => OciResults.Error(OciErrorCode.Unsupported, null, StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => OciResults.Error(OciErrorCode.NameUnknown, null, StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => OciResults.Error(OciErrorCode.Denied, null, StatusCodes.Status409Conflict, message);

    private static IResult Unauthorized(string message)
        => new WithHeaderResult(OciResults.Error(OciErrorCode.Unauthorized, null, null, message), "WWW-Authenticate", "Basic realm=\"registry\"");
}
