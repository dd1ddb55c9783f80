using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Fsck;

/// <summary>
/// <c>POST /api/v1/fsck</c> on a registry of its own (the check is global): damage made on disk shows in the report,
/// and removal takes only orphans past the grace period. Tests that edit blob files run on the filesystem only.
/// </summary>
public sealed class FsckApiTests : IDisposable
{
    private readonly RegistryApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private string BlobFile(string digest)
    {
        string hex = digest[(digest.IndexOf(':') + 1)..];
        return Path.Combine(_factory.DataPath, "blobs", digest[..digest.IndexOf(':')], hex[..2], hex);
    }

    private string DropOrphan(TimeSpan age)
    {
        byte[] bytes = Digests.RandomBytes(40);
        string digest = Digests.Sha256(bytes);
        string path = BlobFile(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return digest;
    }

    private static async Task<JsonElement> FsckAsync(HttpClient client, object? body)
    {
        using HttpResponseMessage response = body is null ? await client.PostAsync("/api/v1/fsck", null) : await client.PostAsJsonAsync("/api/v1/fsck", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> DigestsIn(JsonElement report, string list)
        => [.. report.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("digest").GetString()!)];

    [Fact]
    public async Task CleanRegistry_ReportsClean()
    {
        using HttpClient client = _factory.CreateRegistryClient();
        PushedManifest image = await client.PushImageAsync("fsck/clean", "v1");

        JsonElement report = await FsckAsync(client, null);

        Assert.True(report.GetProperty("clean").GetBoolean());
        Assert.Equal(3, report.GetProperty("blobsChecked").GetInt64()); // config, layer, manifest
        Assert.True(report.GetProperty("bytesRead").GetInt64() >= image.Content.Length);
    }

    [Fact]
    public async Task CorruptMissingAndOrphanBlobs_AreReported_AndOnlyOrphansPastGraceAreRemoved()
    {
        if (ApiBackend.IsPostgresS3)
        {
            return;
        }

        using HttpClient client = _factory.CreateRegistryClient();
        byte[] corruptBytes = Digests.RandomBytes(100);
        byte[] missingBytes = Digests.RandomBytes(50);
        string corrupt = await client.PushBlobAsync("fsck/app", corruptBytes);
        string missing = await client.PushBlobAsync("fsck/app", missingBytes);
        string pending = await client.PushBlobAsync("fsck/app", Digests.RandomBytes(30)); // no manifest yet: linked, so known
        File.WriteAllBytes(BlobFile(corrupt), [.. corruptBytes.Take(99), (byte)(corruptBytes[99] ^ 1)]);
        File.Delete(BlobFile(missing));
        string oldOrphan = DropOrphan(TimeSpan.FromHours(2));
        string newOrphan = DropOrphan(TimeSpan.Zero);

        JsonElement report = await FsckAsync(client, new { removeOrphans = false });

        Assert.False(report.GetProperty("clean").GetBoolean());
        JsonElement bad = Assert.Single(report.GetProperty("corrupt").EnumerateArray());
        Assert.Equal(corrupt, bad.GetProperty("digest").GetString());
        Assert.NotEqual(corrupt, bad.GetProperty("actualDigest").GetString());
        JsonElement gone = Assert.Single(report.GetProperty("missing").EnumerateArray());
        Assert.Equal(missing, gone.GetProperty("digest").GetString());
        Assert.Equal(["fsck/app"], gone.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { oldOrphan, newOrphan }.Order(StringComparer.Ordinal), DigestsIn(report, "orphans"));
        Assert.DoesNotContain(pending, DigestsIn(report, "orphans"));
        Assert.True(File.Exists(BlobFile(oldOrphan)));

        JsonElement removal = await FsckAsync(client, new { removeOrphans = true });

        Assert.False(File.Exists(BlobFile(oldOrphan)));
        Assert.True(File.Exists(BlobFile(newOrphan)));
        Assert.True(File.Exists(BlobFile(pending)));
        Assert.True(File.Exists(BlobFile(corrupt)));
        Dictionary<string, bool> removed = removal.GetProperty("orphans").EnumerateArray()
            .ToDictionary(e => e.GetProperty("digest").GetString()!, e => e.GetProperty("removed").GetBoolean());
        Assert.True(removed[oldOrphan]);
        Assert.False(removed[newOrphan]);

        JsonElement noGrace = await FsckAsync(client, new { removeOrphans = true, grace = "00:00:00" });
        Assert.True(Assert.Single(noGrace.GetProperty("orphans").EnumerateArray()).GetProperty("removed").GetBoolean());
        Assert.False(File.Exists(BlobFile(newOrphan)));
    }

    [Fact]
    public async Task Fsck_NeedsGlobalAdmin()
    {
        using HttpClient anonymous = _factory.CreateAnonymousClient();
        using HttpResponseMessage response = await anonymous.PostAsync("/api/v1/fsck", null);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }
}
