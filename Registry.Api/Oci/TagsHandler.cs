using System.Buffers;
using System.Text.Json;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/tags/list</c>: tags in lexical order, paginated with <c>n</c>/<c>last</c> and <c>Link</c>.
/// Rendered pages are reused while the repository's tag version is unchanged (<see cref="TagListCache"/>).
/// </summary>
internal static class TagsHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, OciServices services)
    {
        if (!Pagination.TryParse(context.Request, services.Pagination.MaxPageSize, out Pagination page, out OciErrorResult? error))
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        long? version = await services.Metadata.GetTagsVersionAsync(name, ct);
        if (version is null)
        {
            return UnknownRepository(name);
        }

        string key = TagListCache.Key(name.Value, page.Limit, page.Last);
        RenderedTagList? rendered = services.TagListCache.Get(key, version.Value);
        if (rendered is null)
        {
            TagPage result = await services.Metadata.ListTagsAsync(name, page.Last, page.Limit, ct);
            if (!result.RepositoryExists)
            {
                return UnknownRepository(name);
            }

            rendered = Render(name, page, result, version.Value);
            services.TagListCache.Set(key, rendered);
        }

        if (rendered.Link is not null)
        {
            context.Response.Headers.Link = rendered.Link;
        }

        return Results.Bytes(rendered.Body, "application/json");
    }

    private static RenderedTagList Render(RepositoryName name, Pagination page, TagPage result, long version)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + result.Tags.Count * 16);
        using (var writer = new Utf8JsonWriter(buffer, OciJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name.Value);
            writer.WriteStartArray("tags");
            foreach (string tag in result.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        string? link = result.HasMore && page.Limit is > 0 && result.Tags.Count > 0
            ? Pagination.NextLink($"/v2/{name.Value}/tags/list", page.Limit.Value, result.Tags[^1])
            : null;
        return new RenderedTagList(version, buffer.WrittenSpan.ToArray(), link);
    }

    private static OciErrorResult UnknownRepository(RepositoryName name)
        => OciResults.Error(OciErrorCode.NameUnknown, $"repository '{name}' is not known to this registry");
}
