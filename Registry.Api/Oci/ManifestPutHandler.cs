using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>PUT /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: size cap, digest check, JSON and media-type validation,
/// every referenced blob and child manifest present in the repository, then the bytes into the blob store and the
/// manifest and tag into metadata in one transaction. A push by digest may name tags in <c>?tag=</c> parameters (at
/// most <see cref="MaxTags"/>): each is pointed at the manifest in turn, as a push to that tag would, and answered in an
/// <c>OCI-Tag</c> header; a tag refused (protected) stops there, with the tags already pointed in the headers.
/// </summary>
internal static class ManifestPutHandler
{
    /// <summary>Tags one push by digest may name; more answer 414.</summary>
    public const int MaxTags = 100;

    private static readonly byte[] EmptyJson = "{}"u8.ToArray();

    public static async ValueTask<IResult> PutAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!ManifestReference.TryParse(argument, out Reference reference, out OciErrorResult? error))
        {
            return error!;
        }

        if (!TryReadTags(context.Request.Query, reference, out List<TagName> tags, out OciErrorResult? tagError))
        {
            return tagError!;
        }

        CancellationToken ct = context.RequestAborted;
        int maxBytes = services.ManifestSettings.MaxBytes;
        byte[]? content = context.Request.ContentLength > maxBytes
            ? null
            : await CappedBody.ReadAsync(context.Request.BodyReader, maxBytes, ct);
        if (content is null)
        {
            return OciResults.Error(OciErrorCode.SizeInvalid, $"manifest is larger than the limit of {maxBytes} bytes", StatusCodes.Status413PayloadTooLarge);
        }

        Digest digest = Digest.Compute(reference.IsDigest ? reference.Digest.Algorithm : DigestAlgorithm.Sha256, content);
        if (reference.IsDigest && digest != reference.Digest)
        {
            return OciResults.Error(OciErrorCode.DigestInvalid, $"manifest content hashes to {digest}, not {reference.Digest}");
        }

        ManifestParseResult parsed = ManifestParser.Parse(content, context.Request.ContentType);
        if (parsed.Manifest is not { } manifest)
        {
            return OciResults.Error(OciErrorCode.ManifestInvalid, parsed.Error);
        }

        var write = ManifestWrite.From(digest, content.Length, manifest);
        if (await services.Metadata.GetManifestAsync(name, digest, ct) is null)
        {
            await ProvideEmptyDescriptorAsync(context.GetActor(), name, write.Dependencies, services, ct);
            PutManifestResult check = await services.Manifests.CheckAsync(name, write, ct);
            if (check.Status != PutManifestStatus.Stored)
            {
                return check.OverQuota is { } early ? Usage.QuotaCheck.Denied(early) : DependencyError(check);
            }

            if (!await services.Pins.PinForWriteAsync(digest, ct))
            {
                return UploadResponses.BlobBeingDeleted(digest);
            }

            await services.Blobs.PutAsync(digest, content, ct);
        }

        IHeaderDictionary headers = context.Response.Headers;
        var accepted = new List<string>(tags.Count);
        foreach (TagName? tag in tags.Count == 0 ? [reference.Tag] : tags.Cast<TagName?>())
        {
            PutManifestResult stored = await services.Manifests.PutAsync(context.GetActor(), name, write, manifest, tag, null, ct);
            if (stored.Status != PutManifestStatus.Stored)
            {
                if (accepted.Count > 0)
                {
                    headers[OciHeaders.Tag] = accepted.ToArray();
                }

                return stored.Violation is { } refused ? TagProtectionResults.Denied(refused)
                    : stored.OverQuota is { } overQuota ? Usage.QuotaCheck.Denied(overQuota)
                    : DependencyError(stored);
            }

            services.ManifestCache.Set(digest, content);
            FloatingTagReport.LogSkipped(services.Logger, name, tag, stored);
            if (tags.Count > 0)
            {
                accepted.Add(tag!.Value);
            }
        }

        if (accepted.Count > 0)
        {
            headers[OciHeaders.Tag] = accepted.ToArray();
        }

        headers.Location = $"/v2/{name.Value}/manifests/{digest.Value}";
        headers[OciHeaders.ContentDigest] = digest.Value;
        if (manifest.Subject is { } subject)
        {
            headers[OciHeaders.Subject] = subject.Digest.Value;
        }

        return Results.StatusCode(StatusCodes.Status201Created);
    }

    /// <summary>The <c>?tag=</c> parameters of a push by digest (distinct, in order), or the error: 400 for a bad tag or tags on a push by tag, 414 for too many.</summary>
    private static bool TryReadTags(IQueryCollection query, Reference reference, out List<TagName> tags, out OciErrorResult? error)
    {
        tags = [];
        error = null;
        if (!query.TryGetValue("tag", out var values) || values.Count == 0)
        {
            return true;
        }

        if (!reference.IsDigest)
        {
            error = OciResults.Error(OciErrorCode.TagInvalid, "tag parameters are for a push by digest; this push names the tag in its path");
            return false;
        }

        if (values.Count > MaxTags)
        {
            error = OciResults.Error(OciErrorCode.TagInvalid, $"{values.Count} tags in one push; at most {MaxTags}", StatusCodes.Status414RequestUriTooLong);
            return false;
        }

        foreach (string? value in values)
        {
            if (!TagName.TryParse(value, out TagName? tag))
            {
                error = OciResults.Error(OciErrorCode.TagInvalid, $"'{value}' is not a valid tag (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')");
                return false;
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return true;
    }

    /// <summary>
    /// The OCI empty descriptor (<c>{}</c>) is content every registry can produce; clients that reference it
    /// without uploading it (common for artifacts) get it provided rather than a MANIFEST_BLOB_UNKNOWN.
    /// </summary>
    private static async ValueTask ProvideEmptyDescriptorAsync(Core.Changes.Actor actor, RepositoryName name, IReadOnlyList<ManifestDependency> dependencies, OciServices services, CancellationToken ct)
    {
        foreach (ManifestDependency dependency in dependencies)
        {
            if (dependency.Kind == DependencyKind.Blob && ParsedManifest.IsEmptyJsonDescriptor(dependency.Digest, dependency.Size)
                && await services.Metadata.GetRepositoryBlobAsync(name, dependency.Digest, ct) is null
                && await services.Pins.PinForWriteAsync(dependency.Digest, ct))
            {
                BlobInfo blob = await services.Blobs.PutAsync(dependency.Digest, EmptyJson, ct);
                await services.BlobLinks.LinkAsync(actor, name, blob, ct);
                return;
            }
        }
    }

    private static OciErrorResult DependencyError(PutManifestResult result)
    {
        ManifestDependency dependency = result.Offending!.Value;
        string what = dependency.Kind == DependencyKind.Blob ? "blob" : "manifest";
        return result.Status == PutManifestStatus.SizeMismatch
            ? OciResults.Error(OciErrorCode.ManifestInvalid, $"referenced {what} {dependency.Digest} exists with a different size than the descriptor's {dependency.Size}")
            : OciResults.Error(OciErrorCode.ManifestBlobUnknown, $"referenced {what} {dependency.Digest} is not in this repository");
    }
}
