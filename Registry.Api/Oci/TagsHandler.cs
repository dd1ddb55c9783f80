using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list</c>: tags in lexical order, paginated with <c>n</c>/<c>last</c> and <c>Link</c>.</summary>
internal static class TagsHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, OciServices services)
    {
        if (!Pagination.TryParse(context.Request, services.Options.Pagination.MaxPageSize, out Pagination page, out OciErrorResult? error))
        {
            return error!;
        }

        TagPage result = await services.Metadata.ListTagsAsync(name, page.Last, page.Limit, context.RequestAborted);
        if (!result.RepositoryExists)
        {
            return OciResults.Error(OciErrorCode.NameUnknown, $"repository '{name}' is not known to this registry");
        }

        if (result.HasMore && page.Limit is > 0 && result.Tags.Count > 0)
        {
            context.Response.Headers.Link = Pagination.NextLink($"/v2/{name.Value}/tags/list", page.Limit.Value, result.Tags[^1]);
        }

        return new JsonBodyResult<(string Name, TagPage Page)>((name.Value, result), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", state.Name);
            writer.WriteStartArray("tags");
            foreach (string tag in state.Page.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
