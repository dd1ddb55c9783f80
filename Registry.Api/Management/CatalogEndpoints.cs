using System.Text;
using Registry.Api.Catalog;
using Registry.Api.Http;
using Registry.Core.Catalog;

namespace Registry.Api.Management;

/// <summary>
/// <c>GET /api/v1/catalog</c>: repositories and their tags with what a scheduler needs (digest, media type,
/// platforms, size, push and pull times, annotations, labels), for any signed-in caller, limited to the repositories
/// they may pull. Filters, cursor pages, an ETag for cheap revalidation and a change cursor; see docs/catalog.md.
/// </summary>
internal static class CatalogEndpoints
{
    public const string Path = "/api/v1/catalog";

    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", GetAsync);
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext context, ManagementServices services, CatalogReader reader)
    {
        ManagementCaller caller = ManagementCaller.From(context);
        if (!CatalogQuery.TryParse(context.Request.Query, out CatalogQuery? query, out Http.InputProblem? problem))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        CancellationToken ct = context.RequestAborted;
        CatalogView view = CatalogReader.ViewFor(caller.Permissions, query!);
        CatalogVersion version = await reader.GetVersionAsync(view, ct);
        string etag = CatalogETag.Compute(view, version, query!);
        HttpResponse response = context.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Vary = "Authorization";
        if (CatalogETag.Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.Headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        CatalogPage page = await reader.ReadAsync(view, version, query!, ct);
        if (page.Complete)
        {
            response.Headers.ETag = etag;
        }

        if (page.Next is { } next)
        {
            response.Headers.Link = NextLink(context.Request.PathBase, query!, page.IsChanges ? "since" : "cursor", next);
        }

        return new JsonBodyResult<CatalogPage>(page, CatalogPageWriter.Write);
    }

    /// <summary>The next page: the same filters and page size, and the token.</summary>
    private static string NextLink(PathString pathBase, CatalogQuery query, string parameter, string token)
    {
        var link = new StringBuilder("<").Append(pathBase.Add(Path)).Append("?n=").Append(query.Limit);
        Append(link, "namespace", query.Namespace);
        Append(link, "repository", query.Repository);
        Append(link, "tag", ReferenceEquals(query.Tags, TagPattern.Any) ? null : query.Tags.Glob);
        Append(link, parameter, token);
        return link.Append(">; rel=\"next\"").ToString();
    }

    private static void Append(StringBuilder link, string name, string? value)
    {
        if (value is not null)
        {
            link.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
