using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Api.Console;

/// <summary>
/// The console's session cookie: its own authentication scheme, never the default one, so the cookie is read only
/// by console pages and never authenticates /v2, /token or /api/v1. The cookie names the user and the time their
/// account last changed; a session ends when the account is disabled, deleted or changes (e.g. a new password).
/// </summary>
internal static class ConsoleCookie
{
    public const string Scheme = "console";
    public const string CookieName = "registry_console";
    private const string AccountVersionClaim = "account_version";

    public static void Configure(CookieAuthenticationOptions options, ConsoleSettings settings)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = ConsoleEndpoints.BasePath;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = settings.SessionLifetime;
        options.SlidingExpiration = true;
        options.LoginPath = ConsoleEndpoints.BasePath + "/login";
        options.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ValidateAsync };
    }

    public static ClaimsPrincipal Principal(UserRecord user)
        => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim(AccountVersionClaim, Version(user))],
            Scheme));

    /// <summary>The session is good while its account exists, is enabled and has not changed since sign-in.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        string? name = context.Principal?.Identity?.Name;
        string? version = context.Principal?.FindFirst(AccountVersionClaim)?.Value;
        AccessDirectory directory = context.HttpContext.RequestServices.GetRequiredService<AccessDirectory>();
        UserRecord? user = name is null ? null : await directory.GetUserAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || version != Version(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static string Version(UserRecord user) => user.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
