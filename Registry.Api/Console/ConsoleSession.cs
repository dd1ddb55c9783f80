using Microsoft.AspNetCore.Authentication;
using Registry.Api.Auth;

namespace Registry.Api.Console;

/// <summary>
/// The signed-in console user of this request (scoped: resolved once per request, shared by the layout and the page).
/// With authentication off (<c>Registry:Auth:Enabled=false</c>) everyone is an anonymous administrator, as on the API.
/// </summary>
internal sealed class ConsoleSession(ConsoleServices services)
{
    private Task<ConsoleUser?>? _user;

    /// <summary>
    /// The user, resolved by the first caller; later callers share that resolution, also while it is still running:
    /// the layout asks first and, when the store answers asynchronously (PostgreSQL), the page asks before the layout's
    /// answer is in, and must not take "not yet known" for "not signed in".
    /// </summary>
    public Task<ConsoleUser?> GetUserAsync(HttpContext context) => _user ??= ResolveAsync(context);

    private async Task<ConsoleUser?> ResolveAsync(HttpContext context)
    {
        Caller? caller = null;
        if (!services.Auth.Enabled)
        {
            caller = Caller.Anonymous;
        }
        else if (await context.AuthenticateAsync(ConsoleCookie.Scheme) is { Succeeded: true } result && result.Principal.Identity?.Name is { } name)
        {
            caller = Caller.ForUser(name);
        }

        if (caller is null)
        {
            return null;
        }

        // Audit entries and events of what the user does here name them, as they do for API callers.
        context.SetCaller(caller);
        return new ConsoleUser(caller, await services.Directory.GetPermissionsAsync(caller, context.RequestAborted));
    }
}
