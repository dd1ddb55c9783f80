using System.Net;
using System.Net.Http.Headers;

namespace Registry.Tests.Support;

/// <summary>
/// The blob upload steps of the OCI distribution API over plain HttpClient, each checking the status code and
/// failing with the whole response when it differs.
/// </summary>
internal sealed class BlobUploadClient(HttpClient http)
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>POST /v2/NAME/blobs/uploads/: returns the session's absolute Location.</summary>
    public async Task<Uri> StartAsync(string repository, CancellationToken ct)
    {
        using var response = await http.PostAsync($"v2/{repository}/blobs/uploads/", content: null, ct);
        await ExpectAsync(HttpStatusCode.Accepted, response, "POST /blobs/uploads/", ct);
        return Location(response);
    }

    /// <summary>
    /// PATCH of <paramref name="body"/>: with <paramref name="offset"/> and <paramref name="length"/> as a
    /// Content-Range chunk with Content-Length, without them as a chunked streamed PATCH (as docker sends it).
    /// Returns the next Location and the Range header.
    /// </summary>
    public async Task<(Uri Location, string? Range)> PatchAsync(
        Uri location, Stream body, long? offset, long? length, CancellationToken ct)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, location)
        {
            Content = new StreamContent(body, 1024 * 1024),
        };
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
        if (offset is { } start && length is { } count)
        {
            patch.Content.Headers.ContentLength = count;
            patch.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + count - 1}");
        }

        using var response = await http.SendAsync(patch, ct);
        await ExpectAsync(HttpStatusCode.Accepted, response, $"PATCH {(offset is null ? "(streamed)" : $"{offset}-{offset + length - 1}")}", ct);
        return (Location(response), Header(response, "Range"));
    }

    /// <summary>PUT ?digest= with an optional last chunk (sent with Content-Length); returns Docker-Content-Digest.</summary>
    public async Task<string?> CompleteAsync(Uri location, string digest, Stream? body, long length, CancellationToken ct)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest))
        {
            Content = body is null ? new ByteArrayContent([]) : new StreamContent(body, 1024 * 1024),
        };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
        put.Content.Headers.ContentLength = body is null ? 0 : length;
        using var response = await http.SendAsync(put, ct);
        await ExpectAsync(HttpStatusCode.Created, response, $"PUT ?digest= ({(body is null ? "no body" : $"{length} bytes")})", ct);
        return Header(response, "Docker-Content-Digest");
    }

    /// <summary>GET of an upload session: its Range header (the bytes received so far).</summary>
    public async Task<string?> StatusAsync(Uri location, CancellationToken ct)
    {
        using var response = await http.GetAsync(location, ct);
        await ExpectAsync(HttpStatusCode.NoContent, response, "GET upload status", ct);
        return Header(response, "Range");
    }

    /// <summary>GET /v2/NAME/blobs/DIGEST streamed through sha256; checks Content-Length against the bytes read.</summary>
    public async Task<StreamDigest> ReadBackAsync(string repository, string digest, CancellationToken ct)
    {
        using var response = await http.GetAsync($"v2/{repository}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead, ct);
        await ExpectAsync(HttpStatusCode.OK, response, "GET blob", ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var read = await StreamDigest.ComputeAsync(body, ct);
        Assert.Equal(response.Content.Headers.ContentLength, read.Length);
        return read;
    }

    public static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    /// <summary>Fails with the request, the status, the headers and the body unless the status is the expected one.</summary>
    public static async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response, string step, CancellationToken ct)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Fail(
            $"{step}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
            $"{(int)response.StatusCode} {response.StatusCode}, expected {(int)expected} {expected}.\n" +
            $"Response headers:\n{response.Headers}{response.Content.Headers}\nBody: {(body.Length > 2000 ? body[..2000] : body)}");
    }

    private Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without a Location header.");
        return location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
    }
}
