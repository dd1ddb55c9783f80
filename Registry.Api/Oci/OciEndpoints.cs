namespace Registry.Api.Oci;

internal static class OciEndpoints
{
    /// <summary>Maps the distribution API: one catch-all endpoint, since repository names contain slashes.</summary>
    public static IEndpointRouteBuilder MapOciDistribution(this IEndpointRouteBuilder app)
    {
        app.Map("/v2", OciDispatcher.HandleAsync);
        app.Map("/v2/{**path}", OciDispatcher.HandleAsync);
        return app;
    }
}
