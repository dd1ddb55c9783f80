using Registry.Api.Management.Access;

namespace Registry.Api.Management;

internal static class ManagementServiceCollectionExtensions
{
    /// <summary>The management API's services: its handlers' dependencies, problem details and the OpenAPI document of <c>/api/v1</c>.</summary>
    public static IServiceCollection AddManagementApi(this IServiceCollection services)
    {
        services.AddSingleton<ManagementServices>();
        services.AddSingleton<WebhookServices>();
        services.AddProblemDetails();

        // A body or parameter minimal APIs cannot bind throws instead of answering an empty 400, so that
        // ErrorHandlingMiddleware answers it as a problem with the field in errors.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(ManagementOpenApi.DocumentName, ManagementOpenApi.Configure);
        return services;
    }

    /// <summary>Resolves the management caller for the endpoints of the <c>/api/v1</c> group (after the registry's authentication).</summary>
    public static IApplicationBuilder UseManagementAuthentication(this IApplicationBuilder app)
        => app.UseMiddleware<ManagementAuthentication>();
}
