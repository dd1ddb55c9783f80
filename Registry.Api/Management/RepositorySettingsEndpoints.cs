using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Api.Management;

/// <summary>
/// <c>GET</c>/<c>PUT /api/v1/repositories/{name}/settings</c>: the repository's floating-tag settings (manage). They
/// may be set before the repository's first push.
/// </summary>
internal static class RepositorySettingsEndpoints
{
    public static void Register(RepositoryRoutes routes)
    {
        routes.Map("GET", "settings", GetAsync);
        routes.Map("PUT", "settings", PutAsync);
    }

    private static async Task<IResult> GetAsync(RepositoryRequest request)
    {
        if (MayManage(request) is { } denied)
        {
            return denied;
        }

        FloatingTagSettings settings = await request.Services.Tags.GetFloatingTagSettingsAsync(request.Repository, request.Aborted);
        return TypedResults.Ok(FloatingTagSettingsModel.From(settings));
    }

    private static async Task<IResult> PutAsync(RepositoryRequest request)
    {
        if (MayManage(request) is { } denied)
        {
            return denied;
        }

        (FloatingTagSettingsModel? body, IResult? error) = await ManagementJson.ReadAsync<FloatingTagSettingsModel>(request.Context);
        if (body is null)
        {
            return error!;
        }

        RepositoryName repository = request.Repository;
        await request.Context.RequestServices.GetRequiredService<TagService>()
            .SetFloatingTagSettingsAsync(request.Context.GetActor(), repository, body.ToSettings(), request.Aborted);
        return TypedResults.Ok(body);
    }

    private static IResult? MayManage(RepositoryRequest request)
        => request.Caller.Permissions.Allows(request.Repository, AccessAction.Manage)
            ? null
            : ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not manage '{request.Repository}': that needs the maintainer role on it or its namespace");
}
