using System.Text.Json;

namespace Registry.Tests.Api.Catalog;

/// <summary>What the catalog says of a tag: an image, a multi-platform index and an artifact.</summary>
public sealed class CatalogEntryTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task Image_ShowsDigestMediaTypePlatformSizeTimesAnnotationsAndLabels()
    {
        string repository = Names.Unique("entry");
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        (PushedManifest image, int configSize) = await CatalogApi.PushImageAsync(_client, repository, "1.0", "linux", "arm", "v7",
            labels: new Dictionary<string, string> { ["org.opencontainers.image.source"] = "https://example.com/app", ["maintainer"] = "team" },
            annotations: new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.0.3" });

        JsonElement entry = (await CatalogApi.ListAsync(_client, $"repository={repository}")).Entry(repository, "1.0");

        Assert.Equal(image.Digest, entry.GetProperty("digest").GetString());
        Assert.Equal(MediaTypes.OciManifest, entry.GetProperty("mediaType").GetString());
        Assert.Equal(MediaTypes.OciConfig, entry.GetProperty("artifactType").GetString());
        Assert.Equal("""[{"os":"linux","architecture":"arm","variant":"v7"}]""", entry.GetProperty("platforms").GetRawText());
        Assert.Equal(image.Content.Length + configSize + 64, entry.GetProperty("size").GetInt64());
        DateTimeOffset pushedAt = entry.GetProperty("pushedAt").GetDateTimeOffset();
        Assert.InRange(pushedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("lastPulledAt").ValueKind);
        Assert.Equal(0, entry.GetProperty("pullCount").GetInt64());
        Assert.Equal("1.0.3", entry.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
        Assert.Equal("""{"org.opencontainers.image.source":"https://example.com/app","maintainer":"team"}""", entry.GetProperty("labels").GetRawText());
    }

    [Fact]
    public async Task MultiPlatformIndex_ShowsEachChildsPlatform_TheSizeOfEverything_AndTheLabelsAllPlatformsShare()
    {
        string repository = Names.Unique("entry");
        (PushedManifest amd64, int amd64Config) = await CatalogApi.PushImageAsync(_client, repository, null, "linux", "amd64",
            labels: new Dictionary<string, string> { ["team"] = "platform", ["arch"] = "x86" });
        (PushedManifest arm64, int arm64Config) = await CatalogApi.PushImageAsync(_client, repository, null, "linux", "arm64",
            labels: new Dictionary<string, string> { ["arch"] = "arm", ["team"] = "platform" });
        (PushedManifest attestation, int attestationConfig) = await CatalogApi.PushImageAsync(_client, repository, null, "unknown", "unknown");
        byte[] index = Manifests.OciIndex(
        [
            amd64.Descriptor with { Platform = ("linux", "amd64") },
            arm64.Descriptor with { Platform = ("linux", "arm64") },
            attestation.Descriptor with { Platform = ("unknown", "unknown") },
        ], annotations: new Dictionary<string, string> { ["org.opencontainers.image.created"] = "2026-03-01T12:00:00Z" });
        PushedManifest pushed = await _client.PushManifestAsync(repository, index, MediaTypes.OciIndex, "17");

        CatalogResponse page = await CatalogApi.ListAsync(_client, $"repository={repository}");

        Assert.Equal([$"{repository}:17"], page.Names);
        JsonElement entry = page.Entry(repository, "17");
        Assert.Equal(pushed.Digest, entry.GetProperty("digest").GetString());
        Assert.Equal(MediaTypes.OciIndex, entry.GetProperty("mediaType").GetString());
        Assert.Equal("""[{"os":"linux","architecture":"amd64"},{"os":"linux","architecture":"arm64"}]""", entry.GetProperty("platforms").GetRawText());
        long children = amd64.Content.Length + amd64Config + arm64.Content.Length + arm64Config + attestation.Content.Length + attestationConfig + 3 * 64;
        Assert.Equal(index.Length + children, entry.GetProperty("size").GetInt64());
        Assert.Equal("""{"team":"platform"}""", entry.GetProperty("labels").GetRawText());
        Assert.Equal("2026-03-01T12:00:00Z", entry.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());
    }

    [Fact]
    public async Task Artifact_ShowsItsArtifactType_WithoutPlatformsOrLabels()
    {
        string repository = Names.Unique("entry");
        PushedManifest artifact = await _client.PushArtifactAsync(repository, "application/vnd.example.sbom", tag: "sbom");

        JsonElement entry = (await CatalogApi.ListAsync(_client, $"repository={repository}")).Entry(repository, "sbom");

        Assert.Equal("application/vnd.example.sbom", entry.GetProperty("artifactType").GetString());
        Assert.Equal("[]", entry.GetProperty("platforms").GetRawText());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("labels").ValueKind);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("annotations").ValueKind);
        Assert.Equal(artifact.Content.Length + 32 + 2, entry.GetProperty("size").GetInt64());   // payload and the empty config {}
    }

    [Fact]
    public async Task ManifestsWithoutTags_AreNotListed_AndTwoTagsOfOneManifestAreTwoEntries()
    {
        string repository = Names.Unique("entry");
        await _client.PushImageAsync(repository);
        PushedManifest image = await _client.PushImageAsync(repository, "a");
        await _client.PushManifestAsync(repository, image.Content, image.MediaType, "b");

        CatalogResponse page = await CatalogApi.ListAsync(_client, $"repository={repository}");

        Assert.Equal([$"{repository}:a", $"{repository}:b"], page.Names);
        Assert.Equal(page.Entry(repository, "a").GetProperty("size").GetInt64(), page.Entry(repository, "b").GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task UnreadableConfig_ListsTheTagWithoutDetailsAndWithoutAnETag_UntilItCanBeRead()
    {
        if (ApiBackend.IsPostgresS3)
        {
            return;   // the test damages a blob file on disk
        }

        string repository = Names.Unique("entry");
        (PushedManifest image, _) = await CatalogApi.PushImageAsync(_client, repository, "1", labels: new Dictionary<string, string> { ["a"] = "b" });
        string configDigest = System.Text.Json.JsonDocument.Parse(image.Content).RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        string hex = configDigest["sha256:".Length..];
        string path = Path.Combine(factory.DataPath, "blobs", "sha256", hex[..2], hex);
        byte[] config = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, config[..10]);

        CatalogResponse damaged = await CatalogApi.ListAsync(_client, $"repository={repository}");
        await File.WriteAllBytesAsync(path, config);
        CatalogResponse repaired = await CatalogApi.ListAsync(_client, $"repository={repository}");

        Assert.Null(damaged.ETag);
        Assert.Equal(JsonValueKind.Null, damaged.Entry(repository, "1").GetProperty("size").ValueKind);
        Assert.Equal(JsonValueKind.Null, damaged.Entry(repository, "1").GetProperty("labels").ValueKind);
        Assert.NotNull(repaired.ETag);
        Assert.Equal("""{"a":"b"}""", repaired.Entry(repository, "1").GetProperty("labels").GetRawText());
    }
}
