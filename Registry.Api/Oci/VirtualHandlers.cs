using System.Buffers;
using System.Text.Json;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// The distribution API for a name below a docker virtual repository's key (<c>/v2/&lt;virtual&gt;/&lt;name&gt;/...</c>):
/// manifests, blobs and referrers come from the first member that has them (a local member's repository
/// <c>&lt;L&gt;/&lt;name&gt;</c>, a remote member's pull-through for <c>&lt;R&gt;/&lt;name&gt;</c>); the tag list is the
/// sorted union of the members' tags; pushes go to the deployment repository, with <c>Location</c>s that keep naming
/// the virtual so the client goes on talking to the URL it was given. Deletes answer 405: delete in the member.
/// </summary>
internal static class VirtualHandlers
{
    public static async ValueTask<IResult> PullAsync(HttpContext context, OciRoute route, VirtualTarget target, OciServices services) => route.Kind switch
    {
        OciRouteKind.Manifest => await ManifestAsync(context, route.Argument, target, services),
        OciRouteKind.Blob => await BlobAsync(context, route.Argument, target, services),
        OciRouteKind.Tags => await TagsAsync(context, target, services),
        _ => await ReferrersAsync(context, route.Argument, target, services),
    };

    /// <summary>A push through the virtual, already authorized on <see cref="VirtualTarget.Deployment"/>.</summary>
    public static async ValueTask<IResult> PushAsync(HttpContext context, OciRoute route, VirtualTarget target, OciServices services)
    {
        RepositoryName deployment = target.Deployment!;
        IResult result = (route.Kind, context.Request.Method) switch
        {
            (OciRouteKind.Manifest, _) => await ManifestPutHandler.PutAsync(context, deployment, route.Argument, services),
            (OciRouteKind.UploadStart, _) => await UploadStartHandler.PostAsync(context, deployment, services),
            (OciRouteKind.Upload, "PATCH") => await UploadSessionHandlers.PatchAsync(context, deployment, route.Argument, services),
            (OciRouteKind.Upload, "PUT") => await UploadSessionHandlers.PutAsync(context, deployment, route.Argument, services),
            (OciRouteKind.Upload, "GET") => await UploadSessionHandlers.GetAsync(context, deployment, route.Argument, services),
            _ => await UploadSessionHandlers.DeleteAsync(context, deployment, route.Argument, services),
        };
        string prefix = $"/v2/{deployment.Value}/";
        string? location = context.Response.Headers.Location;
        if (location is not null && location.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.Headers.Location = $"/v2/{target.Requested.Value}/{location[prefix.Length..]}";
        }

        return result;
    }

    /// <summary>405 UNSUPPORTED for a push through a virtual without a deployment repository, and for any delete.</summary>
    public static OciErrorResult Refused(HttpContext context, VirtualTarget target, bool delete)
    {
        context.Response.Headers.Allow = target.Deployment is null || delete ? "GET, HEAD" : "GET, HEAD, PUT, POST, PATCH";
        string message = delete
            ? $"'{target.Repository.Key}' is a virtual repository; delete in its member repository instead"
            : $"'{target.Repository.Key}' is a virtual repository without a defaultDeploymentRepo, so it takes no pushes; set one or push to a local repository";
        return OciResults.Error(OciErrorCode.Unsupported, message, StatusCodes.Status405MethodNotAllowed);
    }

    private static async ValueTask<IResult> ManifestAsync(HttpContext context, string argument, VirtualTarget target, OciServices services)
    {
        if (!ManifestReference.TryParse(argument, out Reference reference, out OciErrorResult? error))
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        RemoteFetch? failed = null;
        foreach (VirtualMember member in target.Members)
        {
            if (member.Remote is null)
            {
                ManifestRecord? held = reference.IsDigest
                    ? await services.Metadata.GetManifestAsync(member.Local, reference.Digest, ct)
                    : await services.Metadata.ResolveTagAsync(member.Local, reference.Tag!, ct);
                if (held is not null)
                {
                    return await ManifestGetHandler.GetAsync(context, member.Local, argument, services);
                }

                continue;
            }

            RemoteFetch fetch = await context.RequestServices.GetRequiredService<RemoteManifests>().EnsureAsync(member.Remote, reference, ct);
            if (fetch.CanServe)
            {
                RemoteHandlers.MarkStale(context, fetch);
                return await ManifestGetHandler.GetAsync(context, member.Local, argument, services);
            }

            failed = fetch.Status == RemoteFetchStatus.NotFound ? failed : fetch;
        }

        return failed is { } unreachable
            ? unreachable.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' of '{target.Requested}'")
            : OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' is in no member of virtual repository '{target.Repository.Key}'");
    }

    private static async ValueTask<IResult> BlobAsync(HttpContext context, string argument, VirtualTarget target, OciServices services)
    {
        if (!BlobHandlers.TryParseDigest(argument, out Digest digest, out OciErrorResult? error))
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        RemoteFetch? failed = null;
        foreach (VirtualMember member in target.Members)
        {
            if (member.Remote is null)
            {
                if (await services.Metadata.GetRepositoryBlobAsync(member.Local, digest, ct) is not null)
                {
                    return await BlobHandlers.GetAsync(context, member.Local, argument, services);
                }

                continue;
            }

            RemoteBlobs blobs = context.RequestServices.GetRequiredService<RemoteBlobs>();
            if (HttpMethods.IsHead(context.Request.Method))
            {
                // As for a remote: a HEAD is answered from what the upstream announces, without downloading the blob.
                (RemoteFetch head, long? size) = await blobs.HeadAsync(member.Remote, digest, ct);
                if (head.CanServe)
                {
                    return size is { } announced
                        ? RemoteHandlers.UpstreamHead(context, digest, announced)
                        : await BlobHandlers.GetAsync(context, member.Local, argument, services);
                }

                failed = head.Status == RemoteFetchStatus.NotFound ? failed : head;
                continue;
            }

            (RemoteFetch fetch, RemoteBlobFlight? flight, Microsoft.Win32.SafeHandles.SafeFileHandle? spool) = await blobs.EnsureAsync(member.Remote, digest, ct);
            if (fetch.CanServe)
            {
                // A download under way streams to this client as it arrives, as for a pull through the remote itself.
                return flight is not null && spool is not null
                    ? new RemoteBlobStreamResult(flight, spool, digest, $"blob {digest} of '{target.Requested}'")
                    : await BlobHandlers.GetAsync(context, member.Local, argument, services);
            }

            failed = fetch.Status == RemoteFetchStatus.NotFound ? failed : fetch;
        }

        return failed is { } unreachable
            ? unreachable.Error(OciErrorCode.BlobUnknown, $"blob {digest} of '{target.Requested}'")
            : OciResults.Error(OciErrorCode.BlobUnknown, $"blob {digest} is in no member of virtual repository '{target.Repository.Key}'");
    }

    /// <summary>The sorted union of the members' tags (a remote member contributes the tags it has cached), paged by <c>n</c> and <c>last</c>.</summary>
    private static async ValueTask<IResult> TagsAsync(HttpContext context, VirtualTarget target, OciServices services)
    {
        if (!Pagination.TryParse(context.Request, services.Pagination.MaxPageSize, out Pagination page, out OciErrorResult? error))
        {
            return error!;
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        bool known = false;
        foreach (VirtualMember member in target.Members)
        {
            TagPage held = await services.Metadata.ListTagsAsync(member.Local, null, null, context.RequestAborted);
            known |= held.RepositoryExists;
            tags.UnionWith(held.Tags);
        }

        if (!known)
        {
            return OciResults.Error(OciErrorCode.NameUnknown, $"repository '{target.Requested}' is in no member of virtual repository '{target.Repository.Key}'");
        }

        List<string> listed = [.. tags.Where(t => page.Last is null || string.CompareOrdinal(t, page.Last) > 0)];
        bool more = page.Limit is { } limit && listed.Count > limit;
        if (page.Limit is { } n)
        {
            listed = listed.Take(n).ToList();
        }

        if (more && listed.Count > 0)
        {
            context.Response.Headers.Link = Pagination.NextLink($"/v2/{target.Requested.Value}/tags/list", page.Limit!.Value, listed[^1]);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", target.Requested.Value);
            writer.WriteStartArray("tags");
            listed.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }

    /// <summary>The referrers of the first member that holds the subject manifest (a remote member asks its upstream).</summary>
    private static async ValueTask<IResult> ReferrersAsync(HttpContext context, string argument, VirtualTarget target, OciServices services)
    {
        if (Digest.TryParse(argument, out Digest subject, out _))
        {
            foreach (VirtualMember member in target.Members)
            {
                if (member.Remote is not null)
                {
                    return await RemoteListings.ReferrersAsync(context, member.Local, argument, member.Remote, services);
                }

                if (await services.Metadata.GetManifestAsync(member.Local, subject, context.RequestAborted) is not null)
                {
                    return await ReferrersHandler.GetAsync(context, member.Local, argument, services);
                }
            }
        }

        return await ReferrersHandler.GetAsync(context, target.Requested, argument, services);
    }
}
