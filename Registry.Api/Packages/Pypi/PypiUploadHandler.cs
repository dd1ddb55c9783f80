using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// <c>POST /artifactory/api/pypi/{key}</c>, twine's upload: a <c>multipart/form-data</c> form of text fields (the core
/// metadata, <see cref="PypiUpload"/>) followed by the file as the <c>content</c> part, which twine sends last. The
/// fields are checked before any byte of the file is stored; the file streams into the blob store while its digests
/// are computed and is recorded (<see cref="ArtifactService.PublishPackageFileAsync"/>) only when they match the
/// declared ones. Parts after <c>content</c> are not read. Through a virtual repository the file goes to its
/// <c>defaultDeploymentRepo</c>. Answers 200 when stored, 400 for a bad form (PyPI's status), 409 when the file exists.
/// </summary>
internal static class PypiUploadHandler
{
    public static async Task<IResult> UploadAsync(HttpContext context, string key, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        ArtifactRepository? addressed = await services.Store.GetArtifactRepositoryAsync(key, ct);
        if (addressed is { Type: ArtifactRepositoryType.Pypi, Class: RepositoryClass.Virtual, Virtual.DefaultDeploymentRepo: { } deployTo }
            && await services.Store.GetArtifactRepositoryAsync(deployTo, ct) is { Class: RepositoryClass.Local, Type: ArtifactRepositoryType.Pypi })
        {
            key = deployTo;
        }

        AccessAction needed = addressed is { Class: not RepositoryClass.Local } && key == addressed.Key ? AccessAction.Pull : AccessAction.Push;
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Pypi, needed, services);
        if (repository is null)
        {
            return failure!;
        }

        if (repository.Class != RepositoryClass.Local)
        {
            return ArtifactResults.NotAllowed(repository.Class == RepositoryClass.Remote
                ? $"'{key}' is a remote repository: it caches its upstream and takes no uploads; upload to a local PyPI repository"
                : $"'{key}' is a virtual repository without a local PyPI defaultDeploymentRepo: upload to a local repository, or set one");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return ArtifactResults.BadRequest("an upload is a multipart/form-data form (as twine sends it): the metadata fields, then the file as 'content'");
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int parts = 0;
        long formBytes = 0;
        try
        {
            for (MultipartSection? section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (++parts > PypiUploadLimits.MaxParts)
                {
                    return ArtifactResults.BadRequest($"the form has more than {PypiUploadLimits.MaxParts} parts");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return ArtifactResults.BadRequest("every part of the form needs Content-Disposition: form-data with a name");
                }

                if (disposition.IsFileDisposition() && name == "content")
                {
                    string fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                    return await StoreAsync(context, repository, fields, fileName, section, services);
                }

                // A text field, or another file (twine's gpg_signature): read within the limits; signatures are not kept.
                (string? value, string? tooLong) = await ReadFieldAsync(section.Body, name, ct);
                if (tooLong is not null)
                {
                    return ArtifactResults.BadRequest(tooLong);
                }

                formBytes += value!.Length;
                if (formBytes > PypiUploadLimits.MaxFormBytes)
                {
                    return ArtifactResults.BadRequest($"the form's fields hold more than {PypiUploadLimits.MaxFormBytes} bytes");
                }

                if (!disposition.IsFileDisposition())
                {
                    (fields.TryGetValue(name, out List<string>? values) ? values : fields[name] = []).Add(value);
                }
            }
        }
        catch (InvalidDataException e)
        {
            return ArtifactResults.BadRequest($"the multipart form is malformed: {e.Message}");
        }

        return ArtifactResults.BadRequest("the form has no file: send it as the 'content' part");
    }

    private static async Task<IResult> StoreAsync(
        HttpContext context, ArtifactRepository repository, Dictionary<string, List<string>> fields, string fileName, MultipartSection section, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        if (PypiUpload.Check(fields, fileName, out string? invalid) is not { } upload)
        {
            return ArtifactResults.BadRequest(invalid!);
        }

        string path = upload.Distribution.Path;
        if (ArtifactService.IsImmutable(repository, path) && await services.Store.GetFileAsync(repository.Key, path, ct) is not null)
        {
            return Exists(repository, upload);
        }

        string? mismatch = null;
        PipeReader body = PipeReader.Create(section.Body, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        (ArtifactChecksums? content, IResult? failure) = await ArtifactContent.StoreAsync(body, services, stored => mismatch = upload.DigestMismatch(stored), ct);
        if (mismatch is not null)
        {
            return ArtifactResults.BadRequest(mismatch);
        }

        if (content is null)
        {
            return failure!;
        }

        ArtifactDeployResult published = await services.Artifacts.PublishPackageFileAsync(
            context.GetActor(), repository, path, content, ArtifactMimeTypes.For(fileName), upload.Properties, ct);
        return published.Status switch
        {
            ArtifactPutStatus.Created or ArtifactPutStatus.Replaced => Results.Json(new { repo = repository.Key, path, downloadUri = ArtifactServices.DownloadUri(context, repository.Key, path), sha256 = content.Sha256 }),
            ArtifactPutStatus.Exists => Exists(repository, upload),
            ArtifactPutStatus.ContentDeleting => ArtifactResults.BeingCollected(content.Digest),
            ArtifactPutStatus.RepositoryUnknown => ArtifactResults.NotFound(published.Message!),
            _ => ArtifactResults.Conflict(published.Message!),
        };
    }

    /// <summary>409 with PyPI's words, which <c>twine upload --skip-existing</c> recognizes.</summary>
    private static IResult Exists(ArtifactRepository repository, PypiUpload upload)
        => ArtifactResults.Conflict($"File already exists: '{upload.Distribution.FileName}' of {upload.Name} {upload.Distribution.Version} is in '{repository.Key}'; files cannot be overwritten unless the repository allows redeploy (delete it first)");

    /// <summary>A part's text (UTF-8), or why it is refused: longer than <see cref="PypiUploadLimits.MaxFieldBytes"/>.</summary>
    private static async Task<(string? Value, string? Error)> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        using var text = new MemoryStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (text.Length + read > PypiUploadLimits.MaxFieldBytes)
            {
                return (null, $"field '{name}' is longer than {PypiUploadLimits.MaxFieldBytes} bytes");
            }

            text.Write(buffer, 0, read);
        }

        return (Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length), null);
    }
}
