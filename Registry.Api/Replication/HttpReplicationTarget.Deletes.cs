using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Core.Primitives;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Tag changes that the other registry may refuse for a reason a run reports on its own: a manifest PUT by tag and the
/// deletes of a rule that propagates them. An instance of ours refuses a change to a protected tag with 403
/// <c>DENIED</c> and <c>detail.reason</c> <c>tag_protected</c> (older ones only with the rule in the message):
/// <see cref="TargetAnswerKind.Protected"/>. A registry that deletes only by digest (CNCF Distribution 2.x answers a
/// tag delete with 400 <c>DIGEST_INVALID</c>; others with 405 or <c>UNSUPPORTED</c>): <see cref="TargetAnswerKind.Unsupported"/>.
/// </summary>
internal sealed partial class HttpReplicationTarget
{
    private const int TagPageSize = 1000;

    public async ValueTask<TargetAnswer> PutTagAsync(RepositoryName repository, string tag, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Put, Url($"{repository.Value}/manifests/{tag}"), null, () =>
        {
            var body = new ReadOnlyMemoryContent(content);
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            return body;
        }, ct);
        return response.StatusCode == HttpStatusCode.Created ? TargetAnswer.Done : await AnswerAsync(response, "putting the manifest", Change.Put, ct);
    }

    public async ValueTask<IReadOnlyList<string>> ListTagsAsync(RepositoryName repository, CancellationToken ct)
    {
        var tags = new List<string>();
        Uri? next = Url($"{repository.Value}/tags/list?n={TagPageSize}");
        for (int page = 0; next is not null; page++)
        {
            if (page > 100_000)
            {
                throw new ReplicationTargetException($"GET tags of {repository.Value}: the pages do not end");
            }

            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, next, null, null, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return tags;
            }

            EnsureAnswered(response, "GET tags");
            await using (Stream body = await response.Content.ReadAsStreamAsync(ct))
            {
                using JsonDocument json = await JsonDocument.ParseAsync(body, default, ct);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("tags", out JsonElement listed) && listed.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(listed.EnumerateArray().Select(t => t.GetString()).OfType<string>());
                }
            }

            next = response.Headers.TryGetValues("Link", out IEnumerable<string>? links) ? NextPage(links.FirstOrDefault()) : null;
        }

        return tags;
    }

    public async ValueTask<TargetAnswer> DeleteTagAsync(RepositoryName repository, string tag, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Delete, Url($"{repository.Value}/manifests/{tag}"), null, null, ct);
        return await AnswerAsync(response, "deleting the tag", Change.DeleteTag, ct);
    }

    public async ValueTask<TargetAnswer> DeleteManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Delete, Url($"{repository.Value}/manifests/{digest.Value}"), null, null, ct);
        return await AnswerAsync(response, "deleting the manifest", Change.DeleteManifest, ct);
    }

    /// <summary>The next page from a <c>Link: &lt;/v2/...?n=&amp;last=&gt;; rel="next"</c> header, resolved against the peer.</summary>
    private Uri? NextPage(string? link)
    {
        if (link is null || !link.Contains("rel=\"next\"", StringComparison.Ordinal))
        {
            return null;
        }

        int open = link.IndexOf('<', StringComparison.Ordinal);
        int close = link.IndexOf('>', StringComparison.Ordinal);
        if (open < 0 || close <= open + 1)
        {
            return null;
        }

        var target = new Uri(link[(open + 1)..close], UriKind.RelativeOrAbsolute);
        Uri absolute = Absolute(target);
        return absolute.Authority == peer.Url.Authority ? absolute : null;
    }

    private static async Task<TargetAnswer> AnswerAsync(HttpResponseMessage response, string what, Change change, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return TargetAnswer.Done;
        }

        string body = await response.Content.ReadAsStringAsync(ct);
        (string? code, string? message, string? reason) = FirstError(body);
        if (response.StatusCode == HttpStatusCode.NotFound && change != Change.Put)
        {
            return TargetAnswer.Absent;
        }

        if (response.StatusCode == HttpStatusCode.Forbidden && code == "DENIED"
            && (reason == Oci.TagProtectionResults.Reason || message?.Contains(" is immutable under ", StringComparison.Ordinal) == true
                || message?.Contains(" is protected from deletion by ", StringComparison.Ordinal) == true))
        {
            return new TargetAnswer(TargetAnswerKind.Protected, message);
        }

        string refusal = $"{what} answered {(int)response.StatusCode}{(body.Length == 0 ? string.Empty : ": " + body[..Math.Min(body.Length, 300)])}";
        bool unsupported = response.StatusCode == HttpStatusCode.MethodNotAllowed || code == "UNSUPPORTED"
            || (change == Change.DeleteTag && response.StatusCode == HttpStatusCode.BadRequest && code == "DIGEST_INVALID");
        return new TargetAnswer(unsupported ? TargetAnswerKind.Unsupported : TargetAnswerKind.Refused, refusal);
    }

    private static (string? Code, string? Message, string? Reason) FirstError(string body)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out JsonElement errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 && errors[0] is { ValueKind: JsonValueKind.Object } first)
            {
                string? reason = first.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind == JsonValueKind.Object
                    && detail.TryGetProperty("reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                return (Text(first, "code"), Text(first, "message"), reason);
            }
        }
        catch (JsonException)
        {
        }

        return (null, null, null);
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private enum Change
    {
        Put,
        DeleteTag,
        DeleteManifest,
    }
}
