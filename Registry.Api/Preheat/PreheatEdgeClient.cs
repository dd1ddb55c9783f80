using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Preheat;

namespace Registry.Api.Preheat;

/// <summary>
/// Asks an edge's docker remote to prefetch an image: <c>POST &lt;edge&gt;/api/v1/remotes/&lt;remoteKey&gt;/prefetch</c>
/// through <see cref="UpstreamClient"/> (the edge's credentials go to its own host only; redirects elsewhere go
/// without them), on the <see cref="ClientName"/> client, which waits up to <see cref="PreheatSettings.EdgeTimeout"/>
/// for the answer: the edge answers once the image is in its cache. What the edge says, or why it was not reached,
/// is the result; nothing is thrown for an edge that failed.
/// </summary>
internal sealed class PreheatEdgeClient(UpstreamClient upstream, IOptions<PreheatSettings> settings, ILogger<PreheatEdgeClient> logger) : IPreheatEdges
{
    /// <summary>The named client for edges: no retries (a prefetch is a POST) and the long timeout of <see cref="PreheatSettings"/>.</summary>
    public const string ClientName = "preheat-edges";

    public async Task<PreheatEdgeResult> PrefetchAsync(PreheatEdge edge, string repository, string reference, IReadOnlyList<string> platforms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var remote = new RemoteSource(edge.Url, edge.Username, edge.ProtectedPassword, 0, 0, false, 0, false, []);
        var uri = new Uri(new Uri(edge.Url.AbsoluteUri.EndsWith('/') ? edge.Url.AbsoluteUri : edge.Url.AbsoluteUri + "/"), $"api/v1/remotes/{Uri.EscapeDataString(edge.RemoteKey)}/prefetch");
        var body = new PrefetchBody(repository, reference, platforms.Count == 0 ? null : platforms);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Value.EdgeTimeout);
        try
        {
            using HttpResponseMessage response = await upstream.SendAsync(
                remote, HttpMethod.Post, uri, null, () => JsonContent.Create(body, options: JsonSerializerOptions.Web), ClientName, timeout.Token);
            string text = await response.Content.ReadAsStringAsync(timeout.Token);
            PreheatEdgeResult result = Read(edge.Name, (int)response.StatusCode, text);
            if (!result.Succeeded)
            {
                PreheatLog.EdgeFailed(logger, edge.Name, repository, reference, result.Error ?? $"{result.Failures} failures");
            }

            return result;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            string reason = e is OperationCanceledException ? $"the edge did not answer within {settings.Value.EdgeTimeout}" : e.Message;
            PreheatLog.EdgeFailed(logger, edge.Name, repository, reference, reason);
            return PreheatEdgeResult.Failed(edge.Name, 0, reason);
        }
    }

    /// <summary>The edge's prefetch summary, or its problem's detail (or the first part of a body that is neither).</summary>
    private static PreheatEdgeResult Read(string edge, int status, string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            if (status == 200 && root.ValueKind == JsonValueKind.Object)
            {
                return new PreheatEdgeResult(edge, status, String(root, "digest"), Int(root, "manifestsFetched"), Int(root, "manifestsCached"),
                    Int(root, "blobsFetched"), Int(root, "blobsCached"), root.TryGetProperty("bytesFetched", out JsonElement b) && b.TryGetInt64(out long bytes) ? bytes : 0,
                    root.TryGetProperty("failures", out JsonElement f) && f.ValueKind == JsonValueKind.Array ? f.GetArrayLength() : 0, null);
            }

            if (root.ValueKind == JsonValueKind.Object && String(root, "detail") is { } detail)
            {
                return PreheatEdgeResult.Failed(edge, status, detail);
            }
        }
        catch (JsonException)
        {
            // not JSON: say what came
        }

        string shown = text.Length > 200 ? text[..200] : text;
        return PreheatEdgeResult.Failed(edge, status, status == 200 ? "the edge's answer is not a prefetch summary" : $"the edge answered {status}: {shown}");
    }

    private static string? String(JsonElement root, string name)
        => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement root, string name)
        => root.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int number) ? number : 0;

    private sealed record PrefetchBody(string Name, string Reference, IReadOnlyList<string>? Platforms);
}
