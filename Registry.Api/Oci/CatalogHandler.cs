using System.Text.Json;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary><c>GET /v2/_catalog</c>: repository names in lexical order, paginated with <c>n</c>/<c>last</c> and <c>Link</c>.</summary>
internal static class CatalogHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, OciServices services)
    {
        if (!Pagination.TryParse(context.Request, services.Options.Pagination.MaxPageSize, out Pagination page, out OciErrorResult? error))
        {
            return error!;
        }

        RepositoryPage result = await services.Metadata.ListRepositoriesAsync(page.Last, page.Limit, context.RequestAborted);
        if (result.HasMore && page.Limit is > 0 && result.Names.Count > 0)
        {
            context.Response.Headers.Link = Pagination.NextLink("/v2/_catalog", page.Limit.Value, result.Names[^1]);
        }

        return new JsonBodyResult<RepositoryPage>(result, static (writer, r) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("repositories");
            foreach (string name in r.Names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
