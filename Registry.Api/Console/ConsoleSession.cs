using Microsoft.AspNetCore.Authentication;
using Registry.Api.Auth;

namespace Registry.Api.Console;

/// <summary>
/// The signed-in console user of this request (scoped: resolved once per request, shared by the layout and the page).
/// With authentication off (<c>Registry:Auth:Enabled=false</c>) everyone is an anonymous administrator, as on the API.
/// </summary>
internal sealed class ConsoleSession(ConsoleServices services)
{
    private ConsoleUser? _user;
    private bool _resolved;

    public async ValueTask<ConsoleUser?> GetUserAsync(HttpContext context)
    {
        if (_resolved)
        {
            return _user;
        }

        _resolved = true;
        Caller? caller = null;
        if (!services.Options.Auth.Enabled)
        {
            caller = Caller.Anonymous;
        }
        else if (await context.AuthenticateAsync(ConsoleCookie.Scheme) is { Succeeded: true } result && result.Principal.Identity?.Name is { } name)
        {
            caller = Caller.ForUser(name);
        }

        if (caller is not null)
        {
            // Audit entries and events of what the user does here name them, as they do for API callers.
            context.SetCaller(caller);
            _user = new ConsoleUser(caller, await services.Directory.GetPermissionsAsync(caller, context.RequestAborted));
        }

        return _user;
    }
}
