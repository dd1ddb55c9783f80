using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Api.Console.Components;

namespace Registry.Api.Console;

/// <summary>Maps the web console under <see cref="BasePath"/>: the Razor component pages, their assets and sign-out.</summary>
internal static class ConsoleEndpoints
{
    public const string BasePath = "/ui";

    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ConsoleSettings>>().Value.Enabled)
        {
            return app;
        }

        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath), console => console.Use(AddSecurityHeaders));
        app.UseAntiforgery();
        ConsoleAssets.Map(app);
        ConsoleArtifactDownload.Map(app);
        app.MapPost(BasePath + "/logout", SignOutAsync);
        app.MapRazorComponents<App>();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("A valid anti-forgery token was not provided with the request.");
        }

        if (await context.AuthenticateAsync(ConsoleCookie.Scheme) is { Succeeded: true } session)
        {
            context.RequestServices.GetRequiredService<Auth.AuditLog>()
                .Record(context, session.Principal.Identity?.Name ?? "unknown", "console.logout", null, null, success: true);
        }

        await context.SignOutAsync(ConsoleCookie.Scheme);
        return Results.Redirect(BasePath + "/login");
    }

    /// <summary>No framing (clickjacking), no inline or foreign scripts, forms post only to the registry.</summary>
    private static Task AddSecurityHeaders(HttpContext context, Func<Task> next)
    {
        SetSecurityHeaders(context.Response.Headers);
        return next();
    }

    public static void SetSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }
}
