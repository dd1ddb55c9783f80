using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>GET</c> and <c>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>. The tag or repository membership is always read
/// fresh from the metadata store; the bytes come from the digest-keyed cache or the blob store.
/// </summary>
internal static class ManifestGetHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!ManifestReference.TryParse(argument, out Reference reference, out OciErrorResult? error))
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        ManifestRecord? manifest = reference.IsDigest
            ? await services.Metadata.GetManifestAsync(name, reference.Digest, ct)
            : await services.Metadata.ResolveTagAsync(name, reference.Tag!, ct);
        if (manifest is null)
        {
            return OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' is not in repository '{name}'");
        }

        // A digest names exact bytes, so it is served whatever the Accept header; a tag honours it.
        if (!reference.IsDigest && !AcceptHeader.Allows(context.Request.Headers.Accept, manifest.MediaType))
        {
            return OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' is a {manifest.MediaType}, which the request's Accept header does not allow");
        }

        HttpResponse response = context.Response;
        string etag = $"\"{manifest.Digest.Value}\"";
        response.Headers[OciHeaders.ContentDigest] = manifest.Digest.Value;
        response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            response.ContentType = manifest.MediaType;
            response.ContentLength = manifest.Size;
            return Results.Empty;
        }

        byte[]? content = await LoadAsync(manifest, services, ct);
        if (content is null)
        {
            OciLog.ManifestBytesMissing(services.Logger, manifest.Digest.Value, name.Value);
            return OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest {manifest.Digest} is recorded but its bytes are missing from storage");
        }

        services.Events.ManifestPulled(context, name, manifest, reference.Tag);
        services.Pulls.Record(name, manifest.Digest);
        return Results.Bytes(content, manifest.MediaType);
    }

    /// <summary>The manifest's bytes, from the cache or the blob store (null when they are missing).</summary>
    internal static async ValueTask<byte[]?> LoadAsync(ManifestRecord manifest, OciServices services, CancellationToken ct)
    {
        byte[]? content = services.ManifestCache.Get(manifest.Digest);
        if (content is not null)
        {
            return content;
        }

        await using Stream? stream = await services.Blobs.OpenReadAsync(manifest.Digest, ct);
        if (stream is null)
        {
            return null;
        }

        content = new byte[manifest.Size];
        await stream.ReadExactlyAsync(content, ct);
        services.ManifestCache.Set(manifest.Digest, content);
        return content;
    }
}
