using System.Text.Json;
using Registry.Api.Http;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary><c>GET /v2/_catalog</c>: repository names in lexical order, paginated with <c>n</c>/<c>last</c> and <c>Link</c>.</summary>
internal static class CatalogHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, OciServices services)
    {
        if (!Pagination.TryParse(context.Request, services.Pagination.MaxPageSize, out Pagination page, out OciErrorResult? error))
        {
            return error!;
        }

        Func<string, bool>? visible = await services.AccessGate.GetRepositoryFilterAsync(context);
        RepositoryPage result = visible is null
            ? await services.Metadata.ListRepositoriesAsync(page.Last, page.Limit, context.RequestAborted)
            : await ListVisibleAsync(services, visible, page, context.RequestAborted);
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

    /// <summary>
    /// A page of the repositories the caller may pull: reads the store in pages and keeps the visible names, so the
    /// order, <c>n</c> and <c>last</c> behave as they do for an unrestricted caller.
    /// </summary>
    private static async ValueTask<RepositoryPage> ListVisibleAsync(OciServices services, Func<string, bool> visible, Pagination page, CancellationToken ct)
    {
        int want = page.Limit ?? int.MaxValue;
        var names = new List<string>(Math.Min(want, 1000));
        string? last = page.Last;
        if (want == 0)
        {
            return new RepositoryPage(names, false);
        }

        while (true)
        {
            RepositoryPage chunk = await services.Metadata.ListRepositoriesAsync(last, 1000, ct);
            for (int i = 0; i < chunk.Names.Count; i++)
            {
                if (!visible(chunk.Names[i]))
                {
                    continue;
                }

                if (names.Count == want)
                {
                    return new RepositoryPage(names, true);
                }

                names.Add(chunk.Names[i]);
            }

            if (!chunk.HasMore || chunk.Names.Count == 0)
            {
                return new RepositoryPage(names, false);
            }

            last = chunk.Names[^1];
        }
    }
}
