using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// An npm publish of an 80 MiB incompressible tarball (over the old in-memory cap of 64 MiB for the whole body): the
/// body is spooled to a temp file and the tarball decoded from there into the blob store, so the registry's memory
/// must not grow by the tarball's size; a copy with a wrong <c>dist.integrity</c> is refused and stores nothing; the
/// spool files are gone after both.
/// </summary>
[Collection(LargeBlobCollection.Name)]
public sealed class NpmLargePublishTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-npm-large-")
{
    private const long Size = 80L << 20;
    private const long AllowedPeakGrowth = 40L << 20;
    private const string Repo = "npm-big";
    private const string Name = "big-pkg";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [EndToEndFact]
    public async Task Publish_OfAn80MiBTarball_KeepsRegistryMemoryFlat_AndRefusesABadIntegrity()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        CancellationToken ct = timeout.Token;
        using HttpClient http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Repo, "npm", ct);
        string tarball = await WriteTarballAsync(Work.Combine("tarball"), ct);
        (string integrity, string shasum) = await HashAsync(tarball, ct);
        Output.WriteLine($"tarball: {new FileInfo(tarball).Length} bytes, {integrity}");

        // Warm up: a small publish, so start-up allocations are not counted against the big one.
        using (HttpResponseMessage warm = await PutAsync(http, "warm", "1.0.0", new PublishContent(NpmPublishBody.Tarball("warm", "1.0.0")), ct))
        {
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        }

        IReadOnlySet<string> blobsBefore = Registry.StoredBlobDigests();
        using (HttpResponseMessage refused = await PutAsync(http, Name, "1.0.0", new PublishContent(tarball, "sha512-" + Convert.ToBase64String(new byte[64]), shasum), ct))
        {
            string answer = await refused.Content.ReadAsStringAsync(ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, answer);
            Assert.Contains("dist.integrity", JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(blobsBefore, Registry.StoredBlobDigests());
        AssertNoSpoolFiles();

        PeakMemoryWatch memory = await PeakMemoryWatch.StartAsync(Registry, Output, AllowedPeakGrowth, ct);
        using (HttpResponseMessage published = await PutAsync(http, Name, "1.0.0", new PublishContent(tarball, integrity, shasum), ct))
        {
            Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync(ct));
        }

        await memory.AssertAsync("the 80 MiB npm publish", ct);
        AssertNoSpoolFiles();
        using HttpResponseMessage download = await http.GetAsync($"artifactory/api/npm/{Repo}/{Name}/-/{Name}-1.0.0.tgz", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        await using Stream downloaded = await download.Content.ReadAsStreamAsync(ct);
        Assert.Equal(shasum, Convert.ToHexStringLower(await SHA1.HashDataAsync(downloaded, ct)));
    }

    private void AssertNoSpoolFiles()
    {
        string spool = Path.Combine(Registry.DataPath, "temp", "npm-publish");
        Assert.True(!Directory.Exists(spool) || Directory.GetFiles(spool).Length == 0, $"spool files left in {spool}");
    }

    /// <summary>package/package.json and package/blob.bin (incompressible), gzipped, as a file.</summary>
    private static async Task<string> WriteTarballAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        string blob = Path.Combine(folder, "blob.bin");
        await using (var file = File.Create(blob))
        await using (var random = new PseudoRandomStream(Size, 11))
        {
            await random.CopyToAsync(file, 1 << 20, ct);
        }

        string manifest = Path.Combine(folder, "package.json");
        await File.WriteAllTextAsync(manifest, $"{{\"name\":\"{Name}\",\"version\":\"1.0.0\"}}", ct);
        string tarball = Path.Combine(folder, $"{Name}-1.0.0.tgz");
        await using (var packed = File.Create(tarball))
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            await tar.WriteEntryAsync(manifest, "package/package.json", ct);
            await tar.WriteEntryAsync(blob, "package/blob.bin", ct);
        }

        File.Delete(blob);
        return tarball;
    }

    private static async Task<(string Integrity, string Shasum)> HashAsync(string path, CancellationToken ct)
    {
        await using FileStream file = File.OpenRead(path);
        byte[] sha512 = await SHA512.HashDataAsync(file, ct);
        file.Position = 0;
        byte[] sha1 = await SHA1.HashDataAsync(file, ct);
        return ("sha512-" + Convert.ToBase64String(sha512), Convert.ToHexStringLower(sha1));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string name, string version, PublishContent content, CancellationToken ct)
    {
        content.Describe(name, version);
        return http.PutAsync($"artifactory/api/npm/{Repo}/{name}", content, ct);
    }

    /// <summary>The document npm sends, its base64 tarball streamed from the file (or from bytes) as it is sent.</summary>
    private sealed class PublishContent : HttpContent
    {
        private readonly Func<Stream> open;
        private readonly long length;
        private readonly string? integrity;
        private readonly string? shasum;
        private byte[] prefix = [];
        private byte[] suffix = [];

        public PublishContent(string path, string integrity, string shasum)
        {
            open = () => File.OpenRead(path);
            length = new FileInfo(path).Length;
            this.integrity = integrity;
            this.shasum = shasum;
            Headers.ContentType = new("application/json");
        }

        public PublishContent(byte[] tarball)
        {
            open = () => new MemoryStream(tarball);
            length = tarball.Length;
            integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
            shasum = Convert.ToHexStringLower(SHA1.HashData(tarball));
            Headers.ContentType = new("application/json");
        }

        public void Describe(string name, string version)
        {
            var manifest = new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["dist"] = new JsonObject { ["integrity"] = integrity, ["shasum"] = shasum },
            };
            var document = new JsonObject
            {
                ["_id"] = name,
                ["name"] = name,
                ["dist-tags"] = new JsonObject { ["latest"] = version },
                ["versions"] = new JsonObject { [version] = manifest },
                ["_attachments"] = new JsonObject
                {
                    [$"{name}-{version}.tgz"] = new JsonObject { ["content_type"] = "application/octet-stream", ["length"] = length, ["data"] = "@DATA@" },
                },
            };
            string[] parts = document.ToJsonString().Split("@DATA@");
            prefix = Encoding.UTF8.GetBytes(parts[0]);
            suffix = Encoding.UTF8.GetBytes(parts[1]);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            await using (Stream tarball = open())
            await using (var base64 = new CryptoStream(tarball, new ToBase64Transform(), CryptoStreamMode.Read))
            {
                await base64.CopyToAsync(stream, 1 << 20);
            }

            await stream.WriteAsync(suffix);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = prefix.Length + ((this.length + 2) / 3 * 4) + suffix.Length;
            return true;
        }
    }
}
