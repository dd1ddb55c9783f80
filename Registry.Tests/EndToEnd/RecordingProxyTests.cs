using System.Net;
using Microsoft.AspNetCore.Http;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The proxy the redirect tests put in front of s3rver: it records what passes and streams the bodies.</summary>
public sealed class RecordingProxyTests
{
    [Fact]
    public async Task Response_IsForwardedAsItArrives_WithTheHostHeaderKept_AndTheRequestRecorded()
    {
        byte[] first = Digests.RandomBytes(64 * 1024), second = Digests.RandomBytes(64 * 1024);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? hostSeen = null;
        await using FakeUpstream upstream = await FakeUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            hostSeen = context.Request.Headers.Host;
            context.Response.ContentLength = first.Length + second.Length;
            await context.Response.Body.WriteAsync(first);
            await context.Response.Body.FlushAsync();
            await release.Task;
            await context.Response.Body.WriteAsync(second);
        };
        await using RecordingProxy proxy = await RecordingProxy.StartAsync(upstream.BaseUri);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{proxy.Url}/bucket/key?X-Amz-Signature=abc");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token-1");

        // Only the first half exists until it has been read through the proxy: a buffering proxy would time out here.
        TimeSpan patience = TimeSpan.FromSeconds(30);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(patience);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] head = new byte[first.Length];
        await body.ReadExactlyAsync(head).AsTask().WaitAsync(patience);
        release.SetResult();
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first, head);
        Assert.Equal(second, rest.ToArray());
        Assert.Equal($"127.0.0.1:{proxy.Port}", hostSeen);
        RecordedRequest recorded = Assert.Single(proxy.Requests);
        Assert.Equal("GET", recorded.Method);
        Assert.Equal("/bucket/key", recorded.Path);
        Assert.True(recorded.IsPresigned);
        Assert.Equal("Bearer token-1", recorded.Header("Authorization"));
        Assert.Equal(StatusCodes.Status200OK, recorded.Status);
    }
}
