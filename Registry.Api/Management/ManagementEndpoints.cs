namespace Registry.Api.Management;

internal static class ManagementEndpoints
{
    /// <summary>Maps the management API under <c>/api/v1</c>.</summary>
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1")
            .DisableAntiforgery()
            .WithMetadata(Access.ManagementCallerRequired.Instance)
            .WithTags("management")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapUserEndpoints();
        api.MapRoleEndpoints();
        api.MapCiTokenEndpoints();
        api.MapAuditEndpoints();
        api.MapRepositoryEndpoints();
        api.MapProtectionRuleEndpoints();
        api.MapLineageEndpoints();
        api.MapWebhookEndpoints();
        api.MapCatalogEndpoints();
        api.MapUsageEndpoints();
        api.MapFsckEndpoints();
        api.MapArtifactRepositoryEndpoints();
        api.MapRemotePrefetchEndpoints();
        api.MapPreheatEndpoints();
        api.MapArtifactRetentionEndpoints();
        api.MapArtifactRetentionRunEndpoints();
        api.MapRetentionPolicyEndpoints();
        api.MapRetentionRunEndpoints();
        api.MapGcEndpoints();
        api.MapTransferEndpoints();
        api.MapReplicationRuleEndpoints();
        app.MapManagementOpenApi();
        return app;
    }
}
