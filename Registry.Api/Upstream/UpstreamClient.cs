using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Upstream;

/// <summary>
/// Sends requests to a remote repository's upstream (and a replication peer) through the resilient
/// <see cref="UpstreamServiceCollectionExtensions.ClientName"/> client, authenticating as the upstream asks:
/// anonymously, with Basic credentials, or with Docker's token flow (a <c>Bearer</c> challenge answered by a token
/// from the named realm, kept until it expires). Credentials go only to the upstream's own authority (scheme, host
/// and port of its URL) and to the token realm its challenge names; a redirect elsewhere (an object store's
/// presigned URL) is followed without them.
/// </summary>
internal sealed class UpstreamClient(IHttpClientFactory factory, UpstreamTokens tokens, ICredentialProtector protector, ILogger<UpstreamClient> logger)
{
    private const int MaxRedirects = 5;

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="uri"/> (absolute) and returns the response once its headers
    /// have arrived; the caller reads and disposes it. Redirects are followed (at most five); one <c>401</c> with a
    /// Bearer challenge from the upstream is answered with a token and the request sent again.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        RemoteSource remote, HttpMethod method, Uri uri, Action<HttpRequestHeaders>? configure, CancellationToken ct)
        => SendAsync(remote, method, uri, configure, null, UpstreamServiceCollectionExtensions.ClientName, ct);

    /// <summary>
    /// The same with a request body: <paramref name="content"/> makes a fresh body for each time the request is sent
    /// (after a token challenge or a redirect), so a body streamed from the blob store is opened again, never buffered.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        RemoteSource remote, HttpMethod method, Uri uri, Action<HttpRequestHeaders>? configure, Func<HttpContent>? content, CancellationToken ct)
        => SendAsync(remote, method, uri, configure, content, UpstreamServiceCollectionExtensions.ClientName, ct);

    /// <summary>
    /// The same through the named client <paramref name="clientName"/> (preheat calls to edges use one without the
    /// upstream's short timeouts).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        RemoteSource remote, HttpMethod method, Uri uri, Action<HttpRequestHeaders>? configure, Func<HttpContent>? content, string clientName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(uri);
        HttpClient client = factory.CreateClient(clientName);
        string? password = Password(remote);
        string tokenKey = TokenKey(remote, uri);
        bool challenged = false;
        Uri target = uri;
        for (int hop = 0; ; hop++)
        {
            bool own = SameAuthority(target, remote.Url);
            using var request = new HttpRequestMessage(method, target);
            configure?.Invoke(request.Headers);
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                request.Content = content?.Invoke();
            }

            if (own)
            {
                if (tokens.Get(tokenKey) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                else if (remote.Username is not null && password is not null)
                {
                    request.Headers.Authorization = Basic(remote.Username, password);
                }
            }

            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (own && !challenged && response.StatusCode == HttpStatusCode.Unauthorized
                && BearerChallenge.TryParse(Challenge(response), out BearerChallenge? challenge))
            {
                challenged = true;
                tokens.Remove(tokenKey);
                if (await FetchTokenAsync(client, remote, password, challenge!, ct).ConfigureAwait(false) is { } fetched)
                {
                    tokens.Set(tokenKey, fetched.Token, fetched.Lifetime);
                    response.Dispose();
                    hop--;
                    continue;
                }

                return response;
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                target = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (response.StatusCode == HttpStatusCode.SeeOther && method != HttpMethod.Head)
                {
                    method = HttpMethod.Get;
                    content = null;
                }

                response.Dispose();
                continue;
            }

            return response;
        }
    }

    /// <summary>Whether <paramref name="uri"/> is at the upstream's own scheme, host and port (where its credentials may go).</summary>
    public static bool SameAuthority(Uri uri, Uri upstream)
        => string.Equals(uri.Scheme, upstream.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, upstream.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == upstream.Port;

    private string? Password(RemoteSource remote)
    {
        if (remote.ProtectedPassword is not { } stored)
        {
            return null;
        }

        string? password = protector.Unprotect(stored);
        if (password is null)
        {
            UpstreamLog.PasswordUnreadable(logger, remote.Url.Authority);
        }

        return password;
    }

    private async Task<(string Token, TimeSpan Lifetime)?> FetchTokenAsync(
        HttpClient client, RemoteSource remote, string? password, BearerChallenge challenge, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, challenge.TokenUri());
        if (remote.Username is not null && password is not null)
        {
            request.Headers.Authorization = Basic(remote.Username, password);
        }

        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            UpstreamLog.TokenRefused(logger, challenge.Realm.GetLeftPart(UriPartial.Path), remote.Url.Authority, (int)response.StatusCode);
            return null;
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
        JsonElement root = document.RootElement;
        string? token = root.ValueKind == JsonValueKind.Object
            ? (root.TryGetProperty("token", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null)
                ?? (root.TryGetProperty("access_token", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null)
            : null;
        if (string.IsNullOrEmpty(token))
        {
            UpstreamLog.TokenMissing(logger, challenge.Realm.GetLeftPart(UriPartial.Path), remote.Url.Authority);
            return null;
        }

        // Docker's token specification: a token without expires_in lasts 60 seconds.
        int seconds = root.TryGetProperty("expires_in", out JsonElement e) && e.TryGetInt32(out int given) && given > 0 ? given : 60;
        return (token, TimeSpan.FromSeconds(seconds));
    }

    private static string? Challenge(HttpResponseMessage response)
    {
        foreach (AuthenticationHeaderValue value in response.Headers.WwwAuthenticate)
        {
            if (string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return value.ToString();
            }
        }

        return null;
    }

    /// <summary>One token per upstream account and repository: the scope a registry's challenge names is per repository.</summary>
    private static string TokenKey(RemoteSource remote, Uri uri)
    {
        string path = uri.AbsolutePath;
        string repository = string.Empty;
        if (path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            string rest = path[4..];
            foreach (string marker in (ReadOnlySpan<string>)["/manifests/", "/blobs/", "/tags/", "/referrers/"])
            {
                int at = rest.IndexOf(marker, StringComparison.Ordinal);
                if (at > 0)
                {
                    repository = rest[..at];
                    break;
                }
            }
        }

        return $"{remote.Url.GetLeftPart(UriPartial.Authority)}|{remote.Username}|{repository}";
    }

    private static AuthenticationHeaderValue Basic(string user, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
