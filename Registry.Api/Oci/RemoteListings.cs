using System.IO.Pipelines;
using System.Text.Json;
using Registry.Api.Upstream;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// A docker remote's tag list and referrers: the upstream's answer (the tag list renamed to the local name, its
/// <c>Link</c> rewritten), or, when the remote is offline or the upstream cannot answer, the cache repository's
/// own, marked stale.
/// </summary>
internal static class RemoteListings
{
    /// <summary>The most a listing from an upstream may hold.</summary>
    private const int MaxListingBytes = 8 * 1024 * 1024;

    public static async ValueTask<IResult> TagsAsync(HttpContext context, RepositoryName name, RemoteTarget target, OciServices services)
    {
        if (!target.Remote.Offline)
        {
            (byte[]? body, HttpResponseMessage? response) = await FetchAsync(context, target, "tags/list" + context.Request.QueryString.Value, services);
            using (response)
            {
                if (body is not null && TryRename(body, name) is { } renamed)
                {
                    if (response!.Headers.TryGetValues("Link", out IEnumerable<string>? links) && RewriteLink(links.First(), name) is { } link)
                    {
                        context.Response.Headers.Link = link;
                    }

                    return Results.Bytes(renamed, "application/json");
                }
            }

            context.Response.Headers.Warning = RemoteHandlers.StaleWarning;
        }

        return await TagsHandler.GetAsync(context, name, services);
    }

    public static async ValueTask<IResult> ReferrersAsync(HttpContext context, RepositoryName name, string argument, RemoteTarget target, OciServices services)
    {
        if (!target.Remote.Offline && Digest.TryParse(argument, out Digest digest, out _))
        {
            (byte[]? body, HttpResponseMessage? response) = await FetchAsync(context, target, "referrers/" + digest.Value + context.Request.QueryString.Value, services);
            using (response)
            {
                if (body is not null)
                {
                    if (response!.Headers.TryGetValues(OciHeaders.FiltersApplied, out IEnumerable<string>? filters))
                    {
                        context.Response.Headers[OciHeaders.FiltersApplied] = filters.First();
                    }

                    return Results.Bytes(body, response.Content.Headers.ContentType?.MediaType ?? MediaTypes.OciImageIndex);
                }
            }
        }

        return await ReferrersHandler.GetAsync(context, name, argument, services);
    }

    /// <summary>The upstream's 200 body (capped), or null with the response (if any) when it failed.</summary>
    private static async Task<(byte[]? Body, HttpResponseMessage? Response)> FetchAsync(HttpContext context, RemoteTarget target, string rest, OciServices services)
    {
        CancellationToken ct = context.RequestAborted;
        HttpResponseMessage? response = null;
        try
        {
            UpstreamClient upstream = context.RequestServices.GetRequiredService<UpstreamClient>();
            response = await upstream.SendAsync(target.Remote, HttpMethod.Get, target.UpstreamUri(rest), null, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, response);
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(ct);
            return (await CappedBody.ReadAsync(PipeReader.Create(body), MaxListingBytes, ct), response);
        }
        catch (Exception e) when (RemoteFailures.IsUpstreamFailure(e, ct))
        {
            RemoteLog.UpstreamFailed(services.Logger, target.Repository.Key, target.UpstreamName, rest, e.Message);
            return (null, response);
        }
    }

    private static byte[]? TryRename(byte[] body, RepositoryName name)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("tags", out JsonElement tags))
            {
                return null;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("name", name.Value);
                writer.WritePropertyName("tags");
                tags.WriteTo(writer);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>&lt;/v2/&lt;upstream name&gt;/tags/list?n=..&amp;last=..&gt;; rel="next"</c> with the local name instead.</summary>
    private static string? RewriteLink(string link, RepositoryName name)
    {
        int query = link.IndexOf('?', StringComparison.Ordinal);
        int end = link.IndexOf('>', StringComparison.Ordinal);
        return query < 0 || end < query ? null : $"</v2/{name.Value}/tags/list{link[query..end]}>; rel=\"next\"";
    }
}
