using System.Globalization;
using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Api.Management.Problems;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Management;

/// <summary>
/// A tag's history (pull; newest first, paged with <c>n</c> and the <c>before</c> cursor) and restoring a tag to a
/// manifest of the repository (manage; itself a recorded change of kind <c>restored</c>).
/// </summary>
internal static class RepositoryTagHistoryEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static void Register(RepositoryRoutes routes)
    {
        routes.Map("GET", "tags/{tag}/history", HistoryAsync);
        routes.Map("POST", "tags/{tag}/restore", RestoreAsync);
    }

    private static async Task<IResult> HistoryAsync(RepositoryRequest request)
    {
        RepositoryName repository = request.Repository;
        if (!request.Caller.Permissions.Allows(repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not pull from '{repository}'");
        }

        if (!TagName.TryParse(request["tag"], out TagName? tag))
        {
            return ApiProblems.InvalidField("tag", $"'{request["tag"]}' is not a valid tag");
        }

        IQueryCollection query = request.Context.Request.Query;
        int limit = DefaultPageSize;
        if (query["n"].Count > 0 && (!int.TryParse(query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            return ManagementCaller.BadRequest("n", $"n is a number from 1 to {MaxPageSize}");
        }

        long? before = null;
        if (query["before"].Count > 0)
        {
            if (!long.TryParse(query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out long cursor))
            {
                return ManagementCaller.BadRequest("before", "before is the next cursor of a previous page");
            }

            before = cursor;
        }

        TagHistoryPage page = await request.Services.Tags.ListTagHistoryAsync(repository, tag, before, limit, request.Aborted);
        if (!page.RepositoryExists)
        {
            return ManagementCaller.NotFound($"repository '{repository}' is not known");
        }

        return TypedResults.Ok(new
        {
            name = repository.Value,
            tag = tag.Value,
            entries = page.Entries.Select(TagHistoryEntryModel.From).ToList(),
            next = page.NextBefore,
        });
    }

    private static async Task<IResult> RestoreAsync(RepositoryRequest request)
    {
        RepositoryName repository = request.Repository;
        if (!request.Caller.Permissions.Allows(repository, AccessAction.Manage))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not manage tags of '{repository}': that needs the maintainer role on it or its namespace");
        }

        if (!TagName.TryParse(request["tag"], out TagName? tag))
        {
            return ApiProblems.InvalidField("tag", $"'{request["tag"]}' is not a valid tag");
        }

        (RestoreTagRequest? body, IResult? error) = await ManagementJson.ReadAsync<RestoreTagRequest>(request.Context);
        if (body is null)
        {
            return error!;
        }

        if (!Digest.TryParse(body.Digest, out Digest digest))
        {
            return ApiProblems.InvalidField("digest", $"digest '{body.Digest}' is not a valid digest (sha256:<64 hex>)");
        }

        TagRestoreResult result = await request.Context.RequestServices.GetRequiredService<Core.Tags.TagService>()
            .RestoreAsync(request.Context.GetActor(), repository, tag, digest, request.Aborted);
        switch (result.Status)
        {
            case TagRestoreStatus.ManifestUnknown:
                return ApiProblems.NotFound($"manifest {digest} is not in '{repository}'");
            case TagRestoreStatus.Protected:
                return ApiProblems.TagProtected(result.Violation!.Message);
        }

        return TypedResults.Ok(new
        {
            name = repository.Value,
            tag = tag.Value,
            digest = digest.Value,
            previousDigest = result.PreviousDigest,
            changed = result.Status == TagRestoreStatus.Restored,
        });
    }
}
