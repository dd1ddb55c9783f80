namespace Registry.Api.Auth;

internal static class HttpContextCallerExtensions
{
    /// <summary>The authenticated caller, or anonymous when the request sent no (valid) credentials.</summary>
    public static Caller GetCaller(this HttpContext context)
        => context.Features.Get<CallerFeature>()?.Caller ?? Caller.Anonymous;

    /// <summary>Why the request's credentials were refused, when it sent some that were.</summary>
    public static AuthFailure? GetAuthFailure(this HttpContext context)
        => context.Features.Get<CallerFeature>()?.Failure;

    public static void SetCaller(this HttpContext context, Caller caller)
        => context.Features.Set(new CallerFeature(caller, null));

    public static void SetAuthFailure(this HttpContext context, AuthFailure failure)
        => context.Features.Set(new CallerFeature(null, failure));

    public static string? ClientAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
