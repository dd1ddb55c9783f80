using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Xunit.Abstractions;

namespace Registry.Tests.WebConsole;

/// <summary>
/// The console's pages over a registry with 10,000 tags in one repository and 10,000 repositories (seeded through the
/// metadata store): every page renders its first page of rows and pages on with cursors. Render times are written to
/// the test output for docs/console.md, not asserted.
/// </summary>
public sealed class ConsoleScaleTests(ConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ConsoleFixture>
{
    private const int Tags = 10_000;
    private const int Repositories = 10_000;
    private static readonly RepositoryName Big = RepositoryName.Parse("scale/app");

    [Fact]
    public async Task Pages_RenderAPageOfRows_With10kTagsAnd10kRepositories()
    {
        Digest digest = await SeedAsync(fixture.Factory.Services.GetRequiredService<IMetadataStore>());
        ConsoleClient console = await fixture.SignedInAsync("admin");
        string page = "/ui/repository?name=scale/app";

        string byDefault = await RenderAsync(console, page, "tags, newest first");
        string byName = await RenderAsync(console, page + "&sort=name", "tags by name");
        string bySemver = await RenderAsync(console, page + "&sort=semver", "tags by semantic version");
        string byPush = await RenderAsync(console, page + "&sort=pushed", "tags by push time");
        string second = await RenderAsync(console, page + "&sort=name&after=1.0.49", "tags by name, second page");
        string filtered = await RenderAsync(console, page + "&filter=99.9", "tags filtered");
        string repositories = await RenderAsync(console, "/ui/repositories", "repositories");
        string searched = await RenderAsync(console, "/ui/repositories?q=r09&ns=scale", "repositories searched");
        string overview = await RenderAsync(console, "/ui", "overview");
        await RenderAsync(console, $"/ui/manifest?repository=scale/app&digest={digest}", "manifest");
        ConsoleClient reader = await fixture.SignedInAsync("reader");
        string readerView = await RenderAsync(reader, "/ui/repositories?ns=scale", "repositories as a reader of another namespace");

        Assert.Equal(50, Rows(byDefault));
        Assert.Contains("newest first", byDefault);
        Assert.Contains(">10,001 tags<", byDefault.Replace("</span>", "<", StringComparison.Ordinal));
        Assert.DoesNotContain("rel=\"prev\"", byDefault);
        Assert.Equal(50, Rows(byName));
        Assert.Contains(">1.0.0<", byName);
        Assert.Contains(">99.99.99<", bySemver);
        Assert.Contains(">10,001 tags<", bySemver.Replace("</span>", "<", StringComparison.Ordinal));
        Assert.Equal(50, Rows(byPush));
        Assert.Contains(">1.0.50<", second);
        Assert.DoesNotContain(">1.0.49<", second);
        Assert.Contains("rel=\"prev\"", second);
        Assert.All(Regex.Matches(filtered, "name=\"tag\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value), tag => Assert.Contains("99.9", tag));
        Assert.Contains("rel=\"next\"", repositories);
        Assert.Contains("scale/r09000", searched);
        Assert.Contains("10,001", overview);
        Assert.DoesNotContain("scale/", readerView);
    }

    private async Task<string> RenderAsync(ConsoleClient console, string path, string what)
    {
        await console.GetAsync(path);
        var clock = Stopwatch.StartNew();
        (HttpStatusCode status, string html) = await console.GetAsync(path);
        output.WriteLine($"{what}: {clock.Elapsed.TotalMilliseconds:0.0} ms ({path})");
        Assert.Equal(HttpStatusCode.OK, status);
        return html;
    }

    private static int Rows(string html) => Regex.Matches(html, "name=\"tag\" value=").Count;

    private static async Task<Digest> SeedAsync(IMetadataStore store)
    {
        CancellationToken ct = CancellationToken.None;
        var layer = new BlobInfo(Digest.Compute(DigestAlgorithm.Sha256, "layer"u8.ToArray()), 1000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, "manifest"u8.ToArray());
        var write = new ManifestWrite(digest, MediaTypes.OciImageManifest, 300, null, null, null,
            [new ManifestDependency(layer.Digest, layer.Size, DependencyKind.Blob)]);
        await store.LinkBlobAsync(Big, layer, ct);
        for (int i = 0; i < Tags; i++)
        {
            await store.PutManifestAsync(Big, write, TagName.Parse($"{i / 10_000 + 1}.{i / 100 % 100}.{i % 100}"), ct);
        }

        await store.PutManifestAsync(Big, write, TagName.Parse("99.99.99"), ct);
        for (int i = 0; i < Repositories; i++)
        {
            RepositoryName repository = RepositoryName.Parse($"scale/r{i:D5}");
            await store.LinkBlobAsync(repository, layer, ct);
            await store.PutManifestAsync(repository, write, TagName.Parse("latest"), ct);
        }

        return digest;
    }
}
