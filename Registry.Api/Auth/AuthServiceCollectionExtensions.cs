using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

using Registry.Api.Settings;

namespace Registry.Api.Auth;

/// <summary>
/// Registers authentication (JwtBearer for registry tokens; Basic for passwords and CI tokens, and a CI token's secret
/// alone as npm (<c>Bearer</c>) and NuGet (<c>X-NuGet-ApiKey</c>) send it) and authorization.
/// </summary>
internal static class AuthServiceCollectionExtensions
{
    private const string PolicyScheme = "registry";

    public static IServiceCollection AddRegistryAuth(this IServiceCollection services, AuthSettings settings)
    {
        services.AddSettings<AuthSettings, AuthSettingsValidator>(AuthSettings.SectionName);
        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenValidation>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton<RegistryChallenge>();
        services.AddSingleton<TokenServices>();
        services.AddSingleton<AdminBootstrap>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<CiTokenUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<CiTokenUsage>());
        if (!settings.Enabled)
        {
            services.AddSingleton<IAccessGate, OpenAccessGate>();
            return services;
        }

        services.AddSingleton<IAccessGate, TokenAccessGate>();
        services.AddSingleton<CachingTokenHandler>();
        services.AddHostedService<AccessVersionWatcher>();
        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    || BasicAuthenticationHandler.TryReadBareSecret(context.Request.Headers, out _)
                    ? BasicAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenValidation, CachingTokenHandler>((o, validation, handler) =>
            {
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(handler);
                o.TokenValidationParameters = validation.For("JWT");
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = OnTokenValidatedAsync,
                    OnAuthenticationFailed = context =>
                    {
                        context.HttpContext.SetAuthFailure(new AuthFailure(Describe(context.Exception)));
                        return Task.CompletedTask;
                    },
                };
            });
        return services;
    }

    public static WebApplication UseRegistryAuth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthSettings>>().Value.Enabled)
        {
            app.UseAuthentication();
        }

        app.MapTokenEndpoint();
        return app;
    }

    /// <summary>The token is genuine; the caller it names must still be allowed in (CI token not revoked, user not disabled).</summary>
    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        HttpContext http = context.HttpContext;
        Caller? caller = context.SecurityToken is JsonWebToken token ? JwtCallers.FromAccessToken(token) : null;
        AccessDirectory directory = http.RequestServices.GetRequiredService<AccessDirectory>();
        TimeProvider time = http.RequestServices.GetRequiredService<TimeProvider>();
        if (caller is null || !await directory.IsActiveAsync(caller, time.GetUtcNow(), http.RequestAborted))
        {
            http.SetAuthFailure(new AuthFailure(caller is null ? "the token names no valid subject" : "the token's account was revoked or disabled"));
            context.Fail("revoked");
            return;
        }

        http.SetCaller(caller);
    }

    private static string Describe(Exception exception) => exception switch
    {
        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "the token has expired",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "the token is for another service",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "the token is from another issuer",
        Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException or Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidTypeException => "this kind of token cannot be used here",
        _ => "the token is not valid",
    };
}
