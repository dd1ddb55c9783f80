using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// The single endpoint behind <c>/v2/</c>: parses the path, checks the repository name, asks the access gate, and
/// hands the request to the handler for its endpoint and method.
/// </summary>
internal static class OciDispatcher
{
    private const string Prefix = "/v2/";

    public static async Task HandleAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers[OciHeaders.ApiVersion] = OciHeaders.ApiVersionValue;
        OciServices services = context.RequestServices.GetRequiredService<OciServices>();
        string path = context.Request.Path.Value ?? string.Empty;
        OciRoute route = OciRouteParser.Parse(path.Length > Prefix.Length ? path[Prefix.Length..] : string.Empty);
        OciRouteMetrics.Label(context, route.Kind);
        IResult result = await DispatchAsync(context, route, services);
        await result.ExecuteAsync(context);
    }

    private static async ValueTask<IResult> DispatchAsync(HttpContext context, OciRoute route, OciServices services)
    {
        string method = context.Request.Method;
        if (route.Kind == OciRouteKind.NotFound)
        {
            return OciResults.Error(OciErrorCode.Unsupported, $"'{context.Request.Path}' is not an endpoint of the distribution API", StatusCodes.Status404NotFound);
        }

        RepositoryName? name = null;
        if (route.Kind is not (OciRouteKind.Base or OciRouteKind.Catalog) && !RepositoryName.TryParse(route.Name, out name))
        {
            return OciResults.Error(OciErrorCode.NameInvalid, $"'{route.Name}' is not a valid repository name");
        }

        RegistryAction? action = ActionFor(route.Kind, method);
        if (action is null)
        {
            context.Response.Headers.Allow = AllowedMethods(route.Kind);
            return OciResults.Error(OciErrorCode.Unsupported, $"{method} is not supported on this endpoint");
        }

        if (name is not null && await services.Remotes.ResolveVirtualAsync(name, context.RequestAborted) is { } virtualTarget)
        {
            return await VirtualAsync(context, route, action.Value, virtualTarget, services);
        }

        if (action == RegistryAction.Pull && name is not null && await MirrorOfAsync(context, route, name, services) is { } mirrored)
        {
            return await services.AccessGate.AuthorizeMirrorAsync(context, name, mirrored.Local, RegistryAction.Pull) is { } refused
                ? refused
                : await RemoteHandlers.DispatchAsync(context, route, mirrored.Local, mirrored, services);
        }

        if (await services.AccessGate.AuthorizeAsync(context, name, action.Value) is { } denied)
        {
            return denied;
        }

        if (name is not null && await services.Remotes.ResolveAsync(name, context.RequestAborted) is { } remote)
        {
            return await RemoteHandlers.DispatchAsync(context, route, name, remote, services);
        }

        return (route.Kind, method) switch
        {
            (OciRouteKind.Base, _) => BaseHandler.Get(),
            (OciRouteKind.Catalog, _) => await CatalogHandler.GetAsync(context, services),
            (OciRouteKind.Tags, _) => await TagsHandler.GetAsync(context, name!, services),
            (OciRouteKind.Referrers, _) => await ReferrersHandler.GetAsync(context, name!, route.Argument, services),
            (OciRouteKind.Manifest, "GET" or "HEAD") => await ManifestGetHandler.GetAsync(context, name!, route.Argument, services),
            (OciRouteKind.Manifest, "PUT") => await ManifestPutHandler.PutAsync(context, name!, route.Argument, services),
            (OciRouteKind.Manifest, "DELETE") => await ManifestDeleteHandler.DeleteAsync(context, name!, route.Argument, services),
            (OciRouteKind.Blob, "GET" or "HEAD") => await BlobHandlers.GetAsync(context, name!, route.Argument, services),
            (OciRouteKind.Blob, "DELETE") => await BlobHandlers.DeleteAsync(context, name!, route.Argument, services),
            (OciRouteKind.UploadStart, _) => await UploadStartHandler.PostAsync(context, name!, services),
            (OciRouteKind.Upload, "PATCH") => await UploadSessionHandlers.PatchAsync(context, name!, route.Argument, services),
            (OciRouteKind.Upload, "PUT") => await UploadSessionHandlers.PutAsync(context, name!, route.Argument, services),
            (OciRouteKind.Upload, "GET") => await UploadSessionHandlers.GetAsync(context, name!, route.Argument, services),
            (OciRouteKind.Upload, "DELETE") => await UploadSessionHandlers.DeleteAsync(context, name!, route.Argument, services),
            _ => OciResults.Error(OciErrorCode.Unsupported, $"{method} is not supported on this endpoint"),
        };
    }

    /// <summary>
    /// A request below a docker virtual repository: reading needs pull on the virtual's name, pushing needs push on the
    /// deployment repository's (a token naming the virtual's name for push is enough when the caller may push there).
    /// </summary>
    private static async ValueTask<IResult> VirtualAsync(HttpContext context, OciRoute route, RegistryAction action, VirtualTarget target, OciServices services)
    {
        if (action == RegistryAction.Pull)
        {
            return await services.AccessGate.AuthorizeAsync(context, target.Requested, action)
                ?? await VirtualHandlers.PullAsync(context, route, target, services);
        }

        if (action == RegistryAction.Delete || target.Deployment is null)
        {
            return await services.AccessGate.AuthorizeAsync(context, target.Requested, RegistryAction.Pull)
                ?? VirtualHandlers.Refused(context, target, action == RegistryAction.Delete);
        }

        return await services.AccessGate.AuthorizeMirrorAsync(context, target.Requested, target.Deployment, RegistryAction.Push)
            ?? await VirtualHandlers.PushAsync(context, route, target, services);
    }

    /// <summary>The mirror remote that answers a pull of <paramref name="name"/> (see <see cref="DockerMirrors"/>), or null.</summary>
    private static async ValueTask<RemoteTarget?> MirrorOfAsync(HttpContext context, OciRoute route, RepositoryName name, OciServices services)
        => await services.Remotes.ResolveAsync(name, context.RequestAborted) is null
            ? await services.Mirrors.MapAsync(name, context.Request.Query["ns"].FirstOrDefault(), context.RequestAborted)
            : null;

    /// <summary>The access a method needs on an endpoint, or null when the endpoint does not take the method.</summary>
    private static RegistryAction? ActionFor(OciRouteKind kind, string method) => (kind, method) switch
    {
        (OciRouteKind.Base, "GET" or "HEAD") => RegistryAction.Pull,
        (OciRouteKind.Catalog, "GET") => RegistryAction.Catalog,
        (OciRouteKind.Tags or OciRouteKind.Referrers, "GET") => RegistryAction.Pull,
        (OciRouteKind.Manifest or OciRouteKind.Blob, "GET" or "HEAD") => RegistryAction.Pull,
        (OciRouteKind.Manifest, "PUT") => RegistryAction.Push,
        (OciRouteKind.Manifest or OciRouteKind.Blob, "DELETE") => RegistryAction.Delete,
        (OciRouteKind.UploadStart, "POST") => RegistryAction.Push,
        (OciRouteKind.Upload, "PATCH" or "PUT" or "GET" or "DELETE") => RegistryAction.Push,
        _ => null,
    };

    private static string AllowedMethods(OciRouteKind kind) => kind switch
    {
        OciRouteKind.Base => "GET, HEAD",
        OciRouteKind.Catalog or OciRouteKind.Tags or OciRouteKind.Referrers => "GET",
        OciRouteKind.Manifest => "GET, HEAD, PUT, DELETE",
        OciRouteKind.Blob => "GET, HEAD, DELETE",
        OciRouteKind.UploadStart => "POST",
        _ => "GET, PATCH, PUT, DELETE",
    };
}
