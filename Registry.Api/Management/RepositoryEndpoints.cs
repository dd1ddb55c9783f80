using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Management;

/// <summary>
/// Repositories in the management API: the list of those the caller may pull, and one endpoint for everything below
/// <c>/api/v1/repositories/{name}/</c>, dispatched through <see cref="RepositoryRoutes"/> (areas register their routes).
/// </summary>
internal static class RepositoryEndpoints
{
    public static RouteGroupBuilder MapRepositoryEndpoints(this RouteGroupBuilder api)
    {
        var routes = new RepositoryRoutes();
        RepositoryTagEndpoints.Register(routes);
        RepositoryTagHistoryEndpoints.Register(routes);
        RepositorySettingsEndpoints.Register(routes);
        LineageEndpoints.Register(routes);
        UsageEndpoints.Register(routes);
        RepositoryDeleteEndpoints.Register(routes);
        api.MapGet("/repositories", ListAsync);
        api.MapMethods("/repositories/{**path}", ["GET", "PUT", "POST", "PATCH", "DELETE"], (ManagementCaller caller, string path, HttpContext context, ManagementServices services)
            => DispatchAsync(caller, routes, path, context, services))
            .WithMetadata(routes);
        return api;
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, string? @namespace, string? last, int? n, HttpContext context, ManagementServices services)
    {
        int limit = Math.Clamp(n ?? 100, 1, 1000);
        var names = new List<string>(limit);
        string? cursor = last;
        while (names.Count < limit)
        {
            RepositoryPage page = await services.Metadata.ListRepositoriesAsync(cursor, 1000, context.RequestAborted);
            foreach (string name in page.Names)
            {
                if (@namespace is not null && !(name == @namespace || name.StartsWith(@namespace + "/", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (RepositoryName.TryParse(name, out RepositoryName? repository) && caller.Permissions.Allows(repository, AccessAction.Pull) && names.Count < limit)
                {
                    names.Add(name);
                }
            }

            if (!page.HasMore || page.Names.Count == 0 || (@namespace is not null && string.CompareOrdinal(page.Names[^1], @namespace + "0") > 0))
            {
                return TypedResults.Ok(new { repositories = names, next = (string?)null });
            }

            cursor = page.Names[^1];
        }

        return TypedResults.Ok(new { repositories = names, next = names[^1] });
    }

    private static async Task<IResult> DispatchAsync(ManagementCaller caller, RepositoryRoutes routes, string path, HttpContext context, ManagementServices services)
    {
        string method = context.Request.Method;
        RouteMatch match = routes.Match(method, path);
        if (match.Handler is not null)
        {
            return await match.Handler(new RepositoryRequest(context, match.Repository!, match.Values!, caller, services));
        }

        if (match.AllowedMethods is { } allowed)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed.Distinct());
            return Problems.ApiProblems.MethodNotAllowed($"{method} is not supported on /api/v1/repositories/{path}");
        }

        return Problems.ApiProblems.NotFound($"/api/v1/repositories/{path} is not an endpoint (or names an invalid repository)");
    }
}
