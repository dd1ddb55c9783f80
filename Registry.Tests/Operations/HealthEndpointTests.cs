using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Auth;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api;

namespace Registry.Tests.Operations;

public sealed class HealthEndpointTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Healthz_Returns200WithStatusOk()
    {
        using HttpClient client = factory.CreateRegistryClient();

        using HttpResponseMessage response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WithReachableStores_Returns200AndEveryCheckOk()
    {
        using HttpClient client = factory.CreateRegistryClient();

        using HttpResponseMessage response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        JsonElement checks = body.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("metadata").GetProperty("status").GetString());
        Assert.Equal("ok", checks.GetProperty("blobs").GetProperty("status").GetString());
        Assert.False(checks.GetProperty("metadata").TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Readyz_WhenMetadataStoreFails_Returns503NamingMetadata()
    {
        // Migrations pass (the registry starts), every query fails.
        IMetadataStore failing = FailingProxy.Create<IMetadataStore>(hang: false, nameof(IMetadataStore.MigrateAsync));
        using HttpClient client = WithMetadataStore(failing).CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument body = JsonDocument.Parse(text);
        Assert.Equal("unavailable", body.RootElement.GetProperty("status").GetString());
        JsonElement metadata = body.RootElement.GetProperty("checks").GetProperty("metadata");
        Assert.Equal("failed", metadata.GetProperty("status").GetString());
        Assert.Contains("IOException", metadata.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("test double", text, StringComparison.Ordinal); // driver messages stay in the log
        Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty("blobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WhenMetadataStoreFails_HealthzStill200()
    {
        IMetadataStore failing = FailingProxy.Create<IMetadataStore>(hang: false, nameof(IMetadataStore.MigrateAsync));
        using HttpClient client = WithMetadataStore(failing).CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WhenMetadataStoreHangs_Returns503AfterTheTimeout()
    {
        IMetadataStore hanging = FailingProxy.Create<IMetadataStore>(hang: true, nameof(IMetadataStore.MigrateAsync));
        using HttpClient client = WithMetadataStore(hanging, builder => builder.UseSetting("Registry:Operations:ReadinessTimeout", "00:00:00.200")).CreateClient();

        var started = TimeProvider.System.GetTimestamp();
        using HttpResponseMessage response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement metadata = body.RootElement.GetProperty("checks").GetProperty("metadata");
        Assert.Equal("failed", metadata.GetProperty("status").GetString());
        Assert.Contains("no answer within 0.2 s", metadata.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WhenBlobStoreFails_Returns503NamingBlobs()
    {
        using HttpClient client = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IBlobStore>();
            services.AddSingleton(FailingProxy.Create<IBlobStore>());
        })).CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement checks = body.RootElement.GetProperty("checks");
        Assert.Equal("failed", checks.GetProperty("blobs").GetProperty("status").GetString());
        Assert.Equal("ok", checks.GetProperty("metadata").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthEndpoints_WhenTheAccessGateDeniesEverything_StillAnswerWithoutCredentials()
    {
        using HttpClient client = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAccessGate>();
            services.AddSingleton<IAccessGate, DenyingAccessGate>();
        })).CreateClient();

        using HttpResponseMessage registry = await client.GetAsync("/v2/");
        using HttpResponseMessage healthz = await client.GetAsync("/healthz");
        using HttpResponseMessage readyz = await client.GetAsync("/readyz");
        using HttpResponseMessage metrics = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, registry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    private WebApplicationFactory<Program> WithMetadataStore(IMetadataStore store, Action<IWebHostBuilder>? configure = null)
        => factory.WithWebHostBuilder(builder =>
        {
            configure?.Invoke(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IMetadataStore>();
                services.AddSingleton(store);
            });
        });

    private sealed class DenyingAccessGate : IAccessGate
    {
        public ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action)
            => ValueTask.FromResult<IResult?>(Results.StatusCode(StatusCodes.Status401Unauthorized));

        public ValueTask<IResult?> AuthorizeMirrorAsync(HttpContext context, RepositoryName requested, RepositoryName mapped, RegistryAction action)
            => ValueTask.FromResult<IResult?>(Results.StatusCode(StatusCodes.Status401Unauthorized));

        public ValueTask<MountSourceAccess> AuthorizeMountSourceAsync(HttpContext context, RepositoryName target, RepositoryName source)
            => ValueTask.FromResult(MountSourceAccess.Refused);

        public ValueTask<Func<string, bool>?> GetRepositoryFilterAsync(HttpContext context) => ValueTask.FromResult<Func<string, bool>?>(null);
    }
}
