using System.Net;
using Registry.Tests.Api;

namespace Registry.Tests.WebConsole;

/// <summary>Browsing repositories, tags and manifests in the console, and changing tags there as the roles allow.</summary>
public sealed class ConsoleRepositoryTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private async Task<(string Repository, PushedManifest First, PushedManifest Second)> PushAsync(params string[] tags)
    {
        string repository = Names.Unique("team");
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        PushedManifest first = await admin.PushImageAsync(repository, "1.0.0");
        PushedManifest second = await admin.PushImageAsync(repository, "2.0.0");
        foreach (string tag in tags)
        {
            await admin.PushManifestAsync(repository, second.Content, second.MediaType, tag);
        }

        return (repository, first, second);
    }

    private static string RepositoryPage(string repository) => $"/ui/repository?name={Uri.EscapeDataString(repository)}";

    [Fact]
    public async Task RepositoryPage_ListsTagsWithDigestsAndPullCommands()
    {
        (string repository, PushedManifest first, _) = await PushAsync("latest");
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (HttpStatusCode status, string html) = await console.GetAsync(RepositoryPage(repository) + "&sort=semver&order=desc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"docker pull localhost/{repository}:1.0.0", html);
        Assert.Contains(first.Digest[..19], html);
        Assert.True(html.IndexOf(">2.0.0<", StringComparison.Ordinal) < html.IndexOf(">1.0.0<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reader_SeesNoDeleteForm_AndAForgedDeleteIsRefused()
    {
        (string repository, _, _) = await PushAsync();
        ConsoleClient console = await fixture.SignedInAsync("reader");
        (_, string html) = await console.GetAsync(RepositoryPage(repository));
        Assert.DoesNotContain("Delete selected tags", html);
        Assert.DoesNotContain("delete-tags", html);

        (HttpStatusCode status, _) = await console.SubmitAsync(RepositoryPage(repository), "delete-tags", ("tag", "1.0.0"));

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"a reader's delete answered {status}");
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage still = await admin.HeadAsync($"/v2/{repository}/manifests/1.0.0");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Maintainer_DeletesSeveralTagsAtOnce()
    {
        (string repository, _, _) = await PushAsync("latest", "stable");
        ConsoleClient console = await fixture.SignedInAsync("maintainer");

        (HttpStatusCode status, string html) = await console.SubmitAsync(RepositoryPage(repository), "delete-tags", ("tag", "latest"), ("tag", "stable"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Deleted latest, stable.", html);
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage gone = await admin.HeadAsync($"/v2/{repository}/manifests/latest");
        using HttpResponseMessage kept = await admin.HeadAsync($"/v2/{repository}/manifests/2.0.0");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task DeleteForm_WithoutAntiforgeryToken_IsRefused()
    {
        (string repository, _, _) = await PushAsync();
        ConsoleClient console = await fixture.SignedInAsync("maintainer");
        await console.GetAsync(RepositoryPage(repository));

        using HttpResponseMessage response = await console.PostAsync(RepositoryPage(repository), "delete-tags", null, [("tag", "1.0.0")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage still = await admin.HeadAsync($"/v2/{repository}/manifests/1.0.0");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Promote_CopiesTheImageIntoAnotherRepository_WithItsBlobs()
    {
        (string repository, PushedManifest first, _) = await PushAsync();
        string target = Names.Unique("team");
        ConsoleClient console = await fixture.SignedInAsync("maintainer");

        (HttpStatusCode status, string html) = await console.SubmitAsync(RepositoryPage(repository), "copy-tag",
            ("source", "1.0.0"), ("targetRepository", target), ("targetTag", "prod"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"is now also {target}:prod", html);
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage manifest = await admin.GetAsync($"/v2/{target}/manifests/prod");
        Assert.Equal(first.Digest, manifest.Header("Docker-Content-Digest"));
        string layer = System.Text.Json.JsonDocument.Parse(first.Content).RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        using HttpResponseMessage blob = await admin.GetAsync($"/v2/{target}/blobs/{layer}");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
    }

    [Fact]
    public async Task Promote_IntoANamespaceWithoutPush_IsRefused()
    {
        (string repository, _, _) = await PushAsync();
        ConsoleClient console = await fixture.SignedInAsync("maintainer");

        (HttpStatusCode status, string html) = await console.SubmitAsync(RepositoryPage(repository), "copy-tag",
            ("source", "1.0.0"), ("targetRepository", "other/app"), ("targetTag", "prod"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("may not push to", html);
    }

    [Fact]
    public async Task TagHistory_RestoresAnEarlierDigest()
    {
        (string repository, PushedManifest first, PushedManifest second) = await PushAsync();
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await admin.PushManifestAsync(repository, second.Content, second.MediaType, "1.0.0");
        ConsoleClient console = await fixture.SignedInAsync("maintainer");
        string page = $"/ui/tag?repository={Uri.EscapeDataString(repository)}&tag=1.0.0";
        (_, string history) = await console.GetAsync(page);
        string form = System.Text.RegularExpressions.Regex.Match(history, "name=\"_handler\" value=\"(restore-[0-9]+)\"").Groups[1].Value;

        (HttpStatusCode status, string html) = await console.SubmitAsync(page, form, ("digest", first.Digest));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("points at", html);
        using HttpResponseMessage manifest = await admin.HeadAsync($"/v2/{repository}/manifests/1.0.0");
        Assert.Equal(first.Digest, manifest.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task ManifestPage_ShowsLayersConfigAndReferrers()
    {
        (string repository, PushedManifest first, _) = await PushAsync();
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await admin.PushArtifactAsync(repository, "application/vnd.example.sbom", Descriptor.For(first.MediaType, first.Content));
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (HttpStatusCode status, string html) = await console.GetAsync($"/ui/manifest?repository={Uri.EscapeDataString(repository)}&digest={first.Digest}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2>Layers</h2>", html);
        Assert.Contains("<h2>Configuration</h2>", html);
        Assert.Contains("application/vnd.example.sbom", html);
    }

    [Fact]
    public async Task Repositories_FiltersByNamespaceAndHidesWhatTheUserMayNotPull()
    {
        (string repository, _, _) = await PushAsync();
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        string hidden = Names.Unique("secret");
        await admin.PushImageAsync(hidden, "1");
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (_, string all) = await console.GetAsync("/ui/repositories");
        (_, string other) = await console.GetAsync("/ui/repositories?ns=secret");

        Assert.Contains(repository, all);
        Assert.DoesNotContain(hidden, all);
        Assert.DoesNotContain(hidden, other);
    }

    [Fact]
    public async Task ProtectedTag_ShowsItsBadge_AndIsNotDeleted()
    {
        (string repository, _, _) = await PushAsync();
        ConsoleClient maintainer = await fixture.SignedInAsync("maintainer");
        (HttpStatusCode created, _) = await maintainer.SubmitAsync("/ui/protection", "create-rule",
            ("scopeKind", "repository"), ("scopeName", repository), ("pattern", "1.*"), ("kind", "protected-from-deletion"));
        Assert.Equal(HttpStatusCode.OK, created);

        (_, string page) = await maintainer.GetAsync(RepositoryPage(repository));
        (HttpStatusCode status, string html) = await maintainer.SubmitAsync(RepositoryPage(repository), "delete-tags", ("tag", "1.0.0"));

        Assert.Contains("badge protected", page);
        Assert.Contains("value=\"1.0.0\" id=\"tag-1.0.0\" aria-label=\"Select 1.0.0\" disabled", page);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("protected from deletion", html);
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage still = await admin.HeadAsync($"/v2/{repository}/manifests/1.0.0");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }
}
