using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Api.Catalog;

namespace Registry.Tests.Api.Catalog;

/// <summary>
/// Pull counts and times: manifest GETs (by tag or digest) are counted in memory and show in the catalog once the node
/// flushed them; HEAD requests are no pulls.
/// </summary>
public sealed class PullStatisticsTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    private Task FlushAsync() => factory.Services.GetRequiredService<PullRecorder>().FlushAsync(CancellationToken.None);

    private async Task<JsonElement> EntryAsync(string repository, string tag)
        => (await CatalogApi.ListAsync(_client, $"repository={repository}")).Entry(repository, tag);

    [Fact]
    public async Task Gets_ByTagAndDigest_CountAfterAFlush_HeadsDoNot()
    {
        string repository = Names.Unique("pulls");
        PushedManifest image = await _client.PushImageAsync(repository, "1.0");
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        foreach (string reference in new[] { "1.0", "1.0", image.Digest })
        {
            using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/{reference}");
            await OciAssert.SuccessAsync(get, System.Net.HttpStatusCode.OK);
        }

        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage head = await _client.HeadAsync($"/v2/{repository}/manifests/1.0");
            await OciAssert.SuccessAsync(head, System.Net.HttpStatusCode.OK);
        }

        Assert.Equal(0, (await EntryAsync(repository, "1.0")).GetProperty("pullCount").GetInt64());
        await FlushAsync();

        JsonElement entry = await EntryAsync(repository, "1.0");
        Assert.Equal(3, entry.GetProperty("pullCount").GetInt64());
        Assert.InRange(entry.GetProperty("lastPulledAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Counts_AddUpAcrossFlushes_AndBelongToTheDigest()
    {
        string repository = Names.Unique("pulls");
        PushedManifest first = await _client.PushImageAsync(repository, "latest");
        await _client.GetAsync($"/v2/{repository}/manifests/latest");
        await FlushAsync();
        await _client.GetAsync($"/v2/{repository}/manifests/latest");
        await _client.GetAsync($"/v2/{repository}/manifests/latest");
        await FlushAsync();
        Assert.Equal(3, (await EntryAsync(repository, "latest")).GetProperty("pullCount").GetInt64());

        await _client.PushImageAsync(repository, "latest");
        await _client.PushManifestAsync(repository, first.Content, first.MediaType, "previous");

        Assert.Equal(0, (await EntryAsync(repository, "latest")).GetProperty("pullCount").GetInt64());
        Assert.Equal(3, (await EntryAsync(repository, "previous")).GetProperty("pullCount").GetInt64());
    }

    [Fact]
    public async Task ManyConcurrentPulls_AreAllCounted_WhileFlushesRun()
    {
        string repository = Names.Unique("pulls");
        await _client.PushImageAsync(repository, "1");
        using var stop = new CancellationTokenSource();
        Task flusher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await FlushAsync();
                await Task.Delay(5);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/manifests/1");
                await OciAssert.SuccessAsync(response, System.Net.HttpStatusCode.OK);
            }
        })));
        await stop.CancelAsync();
        await flusher;
        await FlushAsync();

        Assert.Equal(200, (await EntryAsync(repository, "1")).GetProperty("pullCount").GetInt64());
    }

    [Theory]
    [InlineData("Registry:Catalog:PullFlushInterval", "00:00:00")]
    [InlineData("Registry:Catalog:MaxConfigBytes", "-1")]
    public void InvalidCatalogSetting_StopsStartUp_NamingIt(string setting, string value)
    {
        using var registry = new RegistryApiFactory();
        using var invalid = registry.WithWebHostBuilder(builder => builder.UseSetting(setting, value));

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => invalid.CreateClient());

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public async Task RecordPullsFalse_CountsNothing()
    {
        using var registry = new RegistryApiFactory();
        using var off = registry.WithWebHostBuilder(builder => builder.UseSetting("Registry:Catalog:RecordPulls", "false"));
        using HttpClient client = off.CreateClient();
        client.DefaultRequestHeaders.Authorization = _client.DefaultRequestHeaders.Authorization;
        string repository = Names.Unique("pulls");
        await client.PushImageAsync(repository, "1");
        await client.GetAsync($"/v2/{repository}/manifests/1");

        await off.Services.GetRequiredService<PullRecorder>().FlushAsync(CancellationToken.None);

        Assert.Equal(0, (await CatalogApi.ListAsync(client, $"repository={repository}")).Entry(repository, "1").GetProperty("pullCount").GetInt64());
    }
}
