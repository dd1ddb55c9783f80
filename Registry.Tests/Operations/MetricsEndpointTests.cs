using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Operations.Metrics;
using Registry.Tests.Api;

namespace Registry.Tests.Operations;

/// <summary>Each test uses its own registry instance, so counts start from zero.</summary>
public sealed partial class MetricsEndpointTests : IDisposable
{
    private readonly RegistryApiFactory _factory = new();

    [Fact]
    public async Task Metrics_AnswersInTheTextExpositionFormat004()
    {
        using HttpClient client = _factory.CreateRegistryClient();

        using HttpResponseMessage response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
        Assert.Equal("text/plain", type?.MediaType);
        Assert.Contains(type!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.GetValues("Content-Type").Single(), StringComparison.Ordinal);
        string text = await response.Content.ReadAsStringAsync();
        Assert.All(MetricsText.Samples(text), line => Assert.Matches(SampleLine(), line));
    }

    [Fact]
    public async Task Metrics_AskedForOpenMetrics_StillAnswersTheTextFormat004UncachedAndCountsTheScrape()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        using HttpResponseMessage response = await client.SendAsync(request);
        string second = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.DoesNotContain("# EOF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, MetricsText.Sample(second, "registry_http_requests_total", "route=\"metrics\",method=\"GET\",status=\"200\""));
    }

    [Fact]
    public async Task Changes_AreCountedByKindOfChangeAndOfActor()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        await client.PushImageAsync("metrics/changes", "1.0");
        (await client.DeleteAsync("/v2/metrics/changes/manifests/1.0")).Dispose();

        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"manifest_pushed\",actor=\"user\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"tag_pointed\",actor=\"user\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"tag_deleted\",actor=\"user\""));
    }

    [Fact]
    public async Task ArtifactChanges_AreCountedAsChangesToo()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        using (HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = "metrics-artifacts" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (HttpResponseMessage deployed = await client.PutAsync("/artifactory/metrics-artifacts/a/b.txt", new ByteArrayContent(Digests.RandomBytes(10))))
        {
            Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        }

        using (HttpResponseMessage properties = await client.PutAsync("/artifactory/api/storage/metrics-artifacts/a/b.txt?properties=qa=passed", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, properties.StatusCode);
        }

        using (HttpResponseMessage deleted = await client.DeleteAsync("/artifactory/metrics-artifacts/a"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"artifact_repository_changed\",actor=\"user\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"artifact_deployed\",actor=\"user\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"artifact_properties_changed\",actor=\"user\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_changes_total", "change=\"artifact_deleted\",actor=\"user\""));
    }

    [Fact]
    public async Task Metrics_AfterV2Requests_CountsThemByRouteKindMethodAndStatus()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        string repository = "metrics/count";
        byte[] blob = Digests.RandomBytes(100);
        string digest = await client.PushBlobAsync(repository, blob);
        (await client.GetAsync("/v2/")).Dispose();
        (await client.GetAsync("/v2/")).Dispose();
        (await client.GetAsync("/v2/_catalog")).Dispose();
        (await client.GetAsync($"/v2/{repository}/tags/list")).Dispose();
        (await client.GetAsync($"/v2/{repository}/manifests/latest")).Dispose();
        (await client.HeadAsync($"/v2/{repository}/blobs/{digest}")).Dispose();
        (await client.GetAsync($"/v2/{repository}/referrers/{digest}")).Dispose();
        (await client.GetAsync("/v2/not/an/endpoint")).Dispose();

        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(2, MetricsText.Sample(text, "registry_http_requests_total", "route=\"base\",method=\"GET\",status=\"200\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"catalog\",method=\"GET\",status=\"200\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"tags\",method=\"GET\",status=\"200\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"manifest\",method=\"GET\",status=\"404\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"blob\",method=\"HEAD\",status=\"200\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"referrers\",method=\"GET\",status=\"200\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"upload\",method=\"POST\",status=\"201\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"unmatched\",method=\"GET\",status=\"404\""));
        Assert.Equal(2, MetricsText.Sample(text, "registry_http_request_duration_seconds_count", "route=\"base\",method=\"GET\",status=\"200\""));
        Assert.Equal(2, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", "route=\"base\",method=\"GET\",status=\"200\",le=\"+Inf\""));
    }

    [Fact]
    public async Task Metrics_LabelsNeverCarryRepositoryNamesDigestsOrPaths()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        string repository = "secret-team/secret-project";
        string digest = await client.PushBlobAsync(repository, Digests.RandomBytes(10));
        (await client.GetAsync($"/v2/{repository}/blobs/{digest}")).Dispose();
        (await client.GetAsync("/no/such/path")).Dispose();

        string text = await client.GetStringAsync("/metrics");

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(digest[7..], text, StringComparison.Ordinal);
        Assert.DoesNotContain("/no/such/path", text, StringComparison.Ordinal);
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_requests_total", "route=\"other\",method=\"GET\",status=\"404\""));
    }

    [Fact]
    public async Task Metrics_AfterAPushAndAPull_CountBlobsAndBytesEachWay()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        byte[] blob = Digests.RandomBytes(4000);
        string digest = await client.PushBlobAsync("metrics/bytes", blob);
        byte[] pulled = await client.GetByteArrayAsync($"/v2/metrics/bytes/blobs/{digest}");
        (await client.HeadAsync($"/v2/metrics/bytes/blobs/{digest}")).Dispose();

        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(blob, pulled);
        Assert.Equal(1, MetricsText.Sample(text, "registry_blobs_written_total"));
        Assert.Equal(1, MetricsText.Sample(text, "registry_blobs_read_total"));
        Assert.Equal(4000, MetricsText.Sample(text, "registry_http_received_bytes_total", "route=\"upload\""));
        Assert.Equal(4000, MetricsText.Sample(text, "registry_http_sent_bytes_total", "route=\"blob\""));
    }

    [Fact]
    public async Task Metrics_StorageUsed_IsTheSampledSizeOfEveryStoredBlobOnce()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        byte[] blob = Digests.RandomBytes(5000);
        await client.PushBlobAsync("metrics/used-a", blob);
        await client.PushBlobAsync("metrics/used-b", blob);
        await client.PushBlobAsync("metrics/used-b", Digests.RandomBytes(123));
        StorageUsageSampler sampler = _factory.Services.GetRequiredService<StorageUsageSampler>();

        await sampler.SampleAsync(CancellationToken.None);
        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(5123, MetricsText.Sample(text, "registry_storage_used_bytes"));
    }

    [Fact]
    public async Task Metrics_ChunkedPatchWithoutContentLength_CountsTheBytesRead()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        byte[] blob = Digests.RandomBytes(70_000);
        string location = await client.StartUploadAsync("metrics/chunked");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new UnknownLengthContent(blob) };
        using HttpResponseMessage patched = await client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        using HttpResponseMessage put = await client.PutAsync(
            RegistryRequests.WithDigest(patched.Headers.Location!.OriginalString, Digests.Sha256(blob)), null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        string text = await client.GetStringAsync("/metrics");

        Assert.Equal(70_000, MetricsText.Sample(text, "registry_http_received_bytes_total", "route=\"upload\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_blobs_written_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_uploads_in_progress"));
    }

    [Fact]
    public async Task Metrics_WhileAnUploadStreams_CountItInProgress()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        byte[] blob = Digests.RandomBytes(20_000);
        string location = await client.StartUploadAsync("metrics/progress");
        var body = new GatedContent(blob[..1000], blob[1000..]);
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = body };
        Task<HttpResponseMessage> patch = client.SendAsync(request);
        await body.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(30));

        double? during = null;
        for (int attempt = 0; attempt < 100 && during != 1; attempt++)
        {
            during = MetricsText.Sample(await client.GetStringAsync("/metrics"), "registry_uploads_in_progress");
            if (during != 1)
            {
                await Task.Delay(50);
            }
        }

        body.Release();
        using HttpResponseMessage patched = await patch.WaitAsync(TimeSpan.FromSeconds(30));
        string after = await client.GetStringAsync("/metrics");

        Assert.Equal(1, during);
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        Assert.Equal(0, MetricsText.Sample(after, "registry_uploads_in_progress"));
        Assert.Equal(20_000, MetricsText.Sample(after, "registry_http_received_bytes_total", "route=\"upload\""));
    }

    [Fact]
    public async Task Metrics_IncludeProcessMetricsOfTheRuntime()
    {
        using HttpClient client = _factory.CreateRegistryClient();

        string text = await client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
        Assert.NotNull(MetricsText.Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""));
        Assert.True(MetricsText.Sample(text, "dotnet_process_memory_working_set_bytes") > 0);
        Assert.True(MetricsText.Sample(text, "dotnet_process_cpu_time_seconds_total", "cpu_mode=\"user\"") > 0);
        Assert.True(MetricsText.Sample(text, "dotnet_thread_pool_thread_count_total") >= 0);
        Assert.True(MetricsText.Sample(text, "process_thread_count") > 0);
    }

    [Fact]
    public async Task Metrics_WhenDisabled_IsNotServed()
    {
        using HttpClient client = _factory.WithWebHostBuilder(builder => builder.UseSetting("Registry:Operations:MetricsEnabled", "false")).CreateClient();

        using HttpResponseMessage metrics = await client.GetAsync("/metrics");
        using HttpResponseMessage registry = await client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, registry.StatusCode); // still served: it asks for credentials
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>name{labels} value, the 0.0.4 sample grammar (no timestamps).</summary>
    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)$""")]
    private static partial Regex SampleLine();
}
