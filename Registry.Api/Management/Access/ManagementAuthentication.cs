using Registry.Api.Management.Problems;

namespace Registry.Api.Management.Access;

/// <summary>
/// Resolves who calls the management API, once per request, before the endpoint runs: a request that did not
/// authenticate gets the 401 (with its challenge) or 429 problem, a bearer token without
/// <c>registry:management:*</c> a 401, anonymous callers a 401 unless the anonymous user holds the global admin
/// role. Otherwise the <see cref="ManagementCaller"/> is set as a request feature, from which handlers take it as a
/// parameter and role requirements (<see cref="ManagementAccessRules"/>) check it. Only endpoints carrying
/// <see cref="ManagementCallerRequired"/> (the <c>/api/v1</c> group) are affected.
/// </summary>
internal sealed class ManagementAuthentication(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Auth.AccessDirectory directory)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementCallerRequired>() is null)
        {
            await next(context);
            return;
        }

        (ManagementCaller? caller, IResult? error) = await ManagementCaller.ResolveAsync(context, directory);
        if (caller is null)
        {
            await error!.ExecuteAsync(context);
            return;
        }

        context.Features.Set(caller);
        await next(context);
    }
}
