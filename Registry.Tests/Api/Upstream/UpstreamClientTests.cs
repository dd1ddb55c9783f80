using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Registry.Core.Artifacts;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>How the upstream client authenticates (none, Basic, Docker's token flow) and where credentials may go.</summary>
public sealed class UpstreamClientTests : IAsyncLifetime
{
    private readonly UpstreamClientHarness harness = new();
    private FakeUpstream upstream = null!;

    public async Task InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        harness.Dispose();
    }

    [Fact]
    public async Task AnonymousRemote_SendsNoCredentials()
    {
        upstream.Handler = context => Answer(context, 200, "ok");

        using HttpResponseMessage response = await SendAsync(harness.Remote(upstream.BaseUri), "v2/library/a/tags/list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(upstream.Requests).Authorization);
    }

    [Fact]
    public async Task RemoteWithAccount_SendsBasicCredentialsDecryptedFromTheStoredPassword()
    {
        upstream.Handler = context => Answer(context, 200, "ok");

        using HttpResponseMessage response = await SendAsync(harness.Remote(upstream.BaseUri, "puller", "s3cret"), "v2/library/a/tags/list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("puller:s3cret")), Assert.Single(upstream.Requests).Authorization);
    }

    [Fact]
    public async Task BearerChallenge_IsAnsweredWithATokenFromTheRealm_WhichIsCachedUntilItExpires()
    {
        int issued = 0;
        upstream.Handler = context =>
        {
            if (context.Request.Path == "/token")
            {
                bool basic = context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("puller:s3cret"));
                bool scoped = context.Request.Query["scope"] == "repository:library/a:pull" && context.Request.Query["service"] == "fake";
                return basic && scoped
                    ? Answer(context, 200, $$"""{"token":"tok-{{Interlocked.Increment(ref issued)}}","expires_in":300}""")
                    : Answer(context, 401, "no");
            }

            if (context.Request.Headers.Authorization.ToString() == $"Bearer tok-{Volatile.Read(ref issued)}" && issued > 0)
            {
                return Answer(context, 200, "ok");
            }

            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{upstream.BaseUri}token\",service=\"fake\",scope=\"repository:library/a:pull\"";
            return Answer(context, 401, "login");
        };
        RemoteSource remote = harness.Remote(upstream.BaseUri, "puller", "s3cret");

        using (HttpResponseMessage first = await SendAsync(remote, "v2/library/a/manifests/1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (HttpResponseMessage second = await SendAsync(remote, "v2/library/a/manifests/2"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.Equal(1, upstream.Count("GET", "/token"));
        Assert.Equal("Bearer tok-1", upstream.Requests[^1].Authorization);

        harness.Clock.Advance(TimeSpan.FromSeconds(300));
        using (HttpResponseMessage afterExpiry = await SendAsync(remote, "v2/library/a/manifests/3"))
        {
            Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
        }

        Assert.Equal(2, upstream.Count("GET", "/token"));
        Assert.Equal("Bearer tok-2", upstream.Requests[^1].Authorization);
    }

    [Fact]
    public async Task TokenServiceRefusing_ReturnsTheUpstreamsChallenge()
    {
        upstream.Handler = context =>
        {
            if (context.Request.Path == "/token")
            {
                return Answer(context, 401, "no");
            }

            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{upstream.BaseUri}token\",service=\"fake\"";
            return Answer(context, 401, "login");
        };

        using HttpResponseMessage response = await SendAsync(harness.Remote(upstream.BaseUri, "puller", "wrong"), "v2/library/a/manifests/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, upstream.Count("GET", "/token"));
        Assert.Equal(1, upstream.Count("GET", "/v2/library/a/manifests/1"));
    }

    [Fact]
    public async Task RedirectToAnotherAuthority_IsFollowedWithoutCredentials()
    {
        await using FakeUpstream storage = await FakeUpstream.StartAsync();
        storage.Handler = context => Answer(context, 200, "layer bytes");
        upstream.Handler = context =>
        {
            context.Response.Headers.Location = $"{storage.BaseUri}bucket/blob?signature=x";
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            return Task.CompletedTask;
        };

        using HttpResponseMessage response = await SendAsync(harness.Remote(upstream.BaseUri, "puller", "s3cret"), "v2/library/a/blobs/sha256:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("layer bytes", await response.Content.ReadAsStringAsync());
        Assert.NotNull(Assert.Single(upstream.Requests).Authorization);
        FakeUpstreamRequest redirected = Assert.Single(storage.Requests);
        Assert.Equal("/bucket/blob", redirected.Path);
        Assert.Null(redirected.Authorization);
    }

    [Fact]
    public async Task RedirectWithinTheAuthority_KeepsTheCredentials()
    {
        upstream.Handler = context =>
        {
            if (context.Request.Path == "/moved")
            {
                return Answer(context, 200, "here");
            }

            context.Response.Headers.Location = "/moved";
            context.Response.StatusCode = StatusCodes.Status302Found;
            return Task.CompletedTask;
        };

        using HttpResponseMessage response = await SendAsync(harness.Remote(upstream.BaseUri, "puller", "s3cret"), "v2/library/a/blobs/sha256:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(upstream.Requests, r => Assert.StartsWith("Basic ", r.Authorization));
        Assert.Equal(2, upstream.Requests.Count);
    }

    private Task<HttpResponseMessage> SendAsync(RemoteSource remote, string relative)
        => harness.Client.SendAsync(remote, HttpMethod.Get, new Uri(upstream.BaseUri, relative), null, CancellationToken.None);

    private static async Task Answer(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    }
}
