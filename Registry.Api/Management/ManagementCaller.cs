using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Core.Access;

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

    /// <summary>Binds a handler parameter to the caller resolved by <see cref="Access.ManagementAuthentication"/>.</summary>
    public static ValueTask<ManagementCaller?> BindAsync(HttpContext context) => ValueTask.FromResult<ManagementCaller?>(From(context));

    /// <summary>The caller resolved for this request; only endpoints of the management API group have one.</summary>
    public static ManagementCaller From(HttpContext context)
        => context.Features.Get<ManagementCaller>()
            ?? throw new InvalidOperationException("the endpoint is not in the management API group, which resolves the caller");

    /// <summary>The caller, or the 401/429 result when the request did not authenticate.</summary>
    public static async ValueTask<(ManagementCaller? Caller, IResult? Error)> ResolveAsync(HttpContext context, AccessDirectory directory)
    {
        if (context.GetAuthFailure() is { } failure)
        {
            return (null, failure.RetryAfter is not null
                ? ApiProblems.TooManyRequests(failure.Reason, RegistryChallenge.RetryAfterSeconds(failure))
                : Unauthorized(failure.Reason));
        }

        Caller caller = context.GetCaller();
        if (caller.TokenAccess is { Management: false })
        {
            // A token fetched to pull or push (say, one leaked from a CI log) is no key to the management API.
            string challenge = context.RequestServices.GetRequiredService<RegistryChallenge>().Header(context, "registry:management:*", "insufficient_scope");
            return (null, ApiProblems.Unauthorized("bearer tokens for the management API need the scope registry:management:*", challenge));
        }

        Permissions permissions = await directory.GetPermissionsAsync(caller, context.RequestAborted);
        if (caller.IsAnonymous && !permissions.IsGlobalAdmin)
        {
            return (null, Unauthorized("authentication required: send Basic credentials (a password or CI token) or a bearer token"));
        }

        return (new ManagementCaller(caller, permissions), null);
    }

    public static IResult Denied(string message) => ApiProblems.Denied(message);

    /// <summary>400 naming the offending input in <c>errors</c>: a query parameter, a body property, or <c>$</c> for the body as a whole.</summary>
    public static IResult BadRequest(string field, string message) => ApiProblems.InvalidField(field, message);

    public static IResult BadRequest(InputProblem problem) => ApiProblems.InvalidField(problem.Field, problem.Message);

    public static IResult NotFound(string message) => ApiProblems.NotFound(message);

    public static IResult Conflict(string message) => ApiProblems.Conflict(message);

    private static IResult Unauthorized(string message) => ApiProblems.Unauthorized(message, "Basic realm=\"registry\"");
}
