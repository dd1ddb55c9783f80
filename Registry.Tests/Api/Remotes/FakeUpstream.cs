using System.Collections.Concurrent;
using System.Net;

namespace Registry.Tests.Api.Remotes;

/// <summary>
/// The upstream servers of the remote repository tests, in memory: the primary handler of the registry's
/// <c>upstream</c> HTTP client. Each test serves its files under its own host (<see cref="NewSite"/>), so the
/// resilience pipeline (per authority) and the request counts of one test do not touch another's.
/// </summary>
public sealed class FakeUpstream : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _requestRoutes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<HttpResponseMessage>>> _sites = new(StringComparer.Ordinal);

    /// <summary>A base URL on a fresh host: <c>http://up-xxxx.test/repo/</c>.</summary>
    public static Uri NewSite() => new($"http://up-{Guid.NewGuid():N}.test/repo/");

    /// <summary>Serves the bytes at the URL (200), with extra response headers.</summary>
    public void Serve(Uri url, byte[] body, params (string Name, string Value)[] headers)
        => _routes[url.AbsoluteUri] = _ => Task.FromResult(Ok(body, headers));

    /// <summary>Answers the URL with the status code.</summary>
    public void Answer(Uri url, HttpStatusCode status)
        => _routes[url.AbsoluteUri] = _ => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent([]) });

    public void Route(Uri url, Func<CancellationToken, Task<HttpResponseMessage>> respond) => _routes[url.AbsoluteUri] = respond;

    /// <summary>Answers the URL from the request (its headers, say).</summary>
    public void RouteWithRequest(Uri url, Func<HttpRequestMessage, HttpResponseMessage> respond) => _requestRoutes[url.AbsoluteUri] = respond;

    /// <summary>Every request to the site's host is answered so (a site that is down, slow or rate-limiting).</summary>
    public void WholeSite(Uri site, Func<CancellationToken, Task<HttpResponseMessage>> respond) => _sites[site.Authority] = respond;

    public void Forget(Uri url) => _routes.TryRemove(url.AbsoluteUri, out _);

    /// <summary>How many requests reached the URL.</summary>
    public int Requests(Uri url) => _requests.GetValueOrDefault(url.AbsoluteUri);

    public static HttpResponseMessage Ok(byte[] body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string url = request.RequestUri!.AbsoluteUri;
        _requests.AddOrUpdate(url, 1, (_, n) => n + 1);
        if (_sites.TryGetValue(request.RequestUri.Authority, out var site))
        {
            return await site(cancellationToken);
        }

        if (_requestRoutes.TryGetValue(url, out var fromRequest))
        {
            return fromRequest(request);
        }

        return _routes.TryGetValue(url, out var respond)
            ? await respond(cancellationToken)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) };
    }
}
