using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Usage;

namespace Registry.Api.Management;

/// <summary>
/// Storage usage and namespace quotas: <c>GET /api/v1/usage?namespace=</c> (namespaces the caller may pull in, with
/// their repositories), <c>GET /api/v1/repositories/{name}/usage</c> (pull), and <c>PUT</c>/<c>DELETE
/// /api/v1/namespaces/{ns}/quota</c> (global admin or admin of the namespace; audited quota.set / quota.remove).
/// </summary>
internal static class UsageEndpoints
{
    public sealed record QuotaRequest(long? Bytes);

    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", ListAsync);
        api.MapPut("/namespaces/{ns}/quota", SetQuotaAsync);
        api.MapDelete("/namespaces/{ns}/quota", RemoveQuotaAsync);
        return api;
    }

    public static void Register(RepositoryRoutes routes) => routes.Map("GET", "usage", RepositoryUsageAsync);

    private static async Task<IResult> RepositoryUsageAsync(RepositoryRequest request)
    {
        if (!request.Caller.Permissions.Allows(request.Repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not pull from '{request.Repository}'");
        }

        StorageUsage usage = await Store(request.Context).GetRepositoryUsageAsync(request.Repository, request.Aborted);
        return TypedResults.Ok(new { name = request.Repository.Value, bytes = usage.Bytes, blobs = usage.Blobs });
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, string? @namespace, HttpContext context, ManagementServices services)
    {
        if (@namespace is not null && !AccessScope.TryCreate(ScopeKind.Namespace, @namespace, out _))
        {
            return ManagementCaller.BadRequest("namespace", $"'{@namespace}' is not a namespace (the first component of a repository name)");
        }

        IUsageStore store = Store(context);
        CancellationToken ct = context.RequestAborted;
        IReadOnlyList<RepositoryUsage> repositories = await store.ListRepositoryUsageAsync(@namespace, ct);
        Dictionary<string, NamespaceQuota> quotas = (await store.ListQuotasAsync(ct)).ToDictionary(q => q.Namespace, StringComparer.Ordinal);
        IEnumerable<string> names = repositories.Select(r => RepositoryName.Parse(r.Repository).Namespace)
            .Concat(@namespace is null ? quotas.Keys : quotas.Keys.Where(k => k == @namespace))
            .Append(@namespace ?? "")
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var namespaces = new List<object>();
        foreach (string ns in names)
        {
            if ((caller.Permissions.OnScope(AccessScope.Create(ScopeKind.Namespace, ns)) & AccessAction.Pull) == 0)
            {
                continue;
            }

            StorageUsage usage = await store.GetNamespaceUsageAsync(ns, ct);
            namespaces.Add(new
            {
                name = ns,
                bytes = usage.Bytes,
                blobs = usage.Blobs,
                quota = quotas.TryGetValue(ns, out NamespaceQuota? quota) ? new { bytes = quota.Bytes, setBy = quota.SetBy, setAt = quota.SetAt } : null,
                repositories = repositories.Where(r => RepositoryName.Parse(r.Repository).Namespace == ns)
                    .Select(r => new { name = r.Repository, bytes = r.Bytes, blobs = r.Blobs }).ToList(),
            });
        }

        if (@namespace is not null && namespaces.Count == 0)
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not pull in namespace '{@namespace}'");
        }

        return TypedResults.Ok(new { namespaces });
    }

    private static async Task<IResult> SetQuotaAsync(string ns, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, AccessScope? scope, IResult? refused) = await CallerAndNamespaceAsync(ns, context, services);
        if (caller is null)
        {
            return refused!;
        }

        (QuotaRequest? body, IResult? error) = await ManagementJson.ReadAsync<QuotaRequest>(context);
        if (body is null)
        {
            return error!;
        }

        QuotaChangeResult result = await Quotas(context).SetAsync(context.GetActor(), caller.Permissions, scope!.Value, body.Bytes ?? 0, context.RequestAborted);
        return result.Status switch
        {
            QuotaChangeStatus.Done => TypedResults.Ok(new { @namespace = ns, bytes = result.Quota!.Bytes, setBy = result.Quota.SetBy, setAt = result.Quota.SetAt }),
            QuotaChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
            _ => ManagementCaller.BadRequest("bytes", result.Message!),
        };
    }

    private static async Task<IResult> RemoveQuotaAsync(string ns, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, AccessScope? scope, IResult? refused) = await CallerAndNamespaceAsync(ns, context, services);
        if (caller is null)
        {
            return refused!;
        }

        QuotaChangeResult result = await Quotas(context).RemoveAsync(context.GetActor(), caller.Permissions, scope!.Value, context.RequestAborted);
        return result.Status switch
        {
            QuotaChangeStatus.Done => TypedResults.NoContent(),
            QuotaChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
            _ => ManagementCaller.NotFound(result.Message!),
        };
    }

    private static async ValueTask<(ManagementCaller? Caller, AccessScope? Scope, IResult? Error)> CallerAndNamespaceAsync(string ns, HttpContext context, ManagementServices services)
    {
        ManagementCaller caller = ManagementCaller.From(context);
        return AccessScope.TryCreate(ScopeKind.Namespace, ns, out AccessScope? scope)
            ? (caller, scope, null)
            : (null, null, ManagementCaller.BadRequest("namespace", $"'{ns}' is not a namespace (the first component of a repository name)"));
    }

    private static QuotaService Quotas(HttpContext context) => context.RequestServices.GetRequiredService<QuotaService>();

    private static IUsageStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IUsageStore>();
}
