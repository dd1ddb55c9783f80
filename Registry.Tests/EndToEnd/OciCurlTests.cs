using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Distribution-spec features as a script drives them with real curl against the registry process: several tags in
/// one push by digest (<c>?tag=</c>, answered in <c>OCI-Tag</c>), blob uploads hashed with sha512
/// (<c>digest-algorithm</c>), and a <c>Range</c> in a unit other than bytes, which is ignored.
/// </summary>
[Collection(OciCurlCollection.Name)]
public sealed class OciCurlTests(CurlClient curl, ITestOutputHelper output) : RegistryProcessTest(output, "e2e-curl-oci-")
{
    private string Admin => $"admin:{Registry.AdminPassword}";

    private string Url(string path) => $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}{path}";

    private string WriteFile(string name, byte[] content)
    {
        string path = Work.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertStatus(int expected, CurlResponse response) => Assert.True(expected == response.Status, $"expected {expected}, got {response}");

    private async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        AssertStatus(201, await curl.RequestAsync("-u", Admin, "-X", "POST", "-H", "Content-Type: application/octet-stream",
            "--data-binary", "@" + WriteFile(Guid.NewGuid().ToString("N"), content), Url($"/v2/{repository}/blobs/uploads/?digest={digest}")));
        return digest;
    }

    private async Task<(string Digest, string File)> ManifestAsync(string repository)
    {
        byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        byte[] layer = RandomNumberGenerator.GetBytes(1000);
        string configDigest = await PushBlobAsync(repository, config);
        string layerDigest = await PushBlobAsync(repository, layer);
        byte[] manifest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = layerDigest, size = layer.Length } },
        }));
        return ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest)), WriteFile("manifest.json", manifest));
    }

    [EndToEndFact]
    public async Task APushByDigest_WithTagParameters_CreatesEveryTag_AndAnswersThemInOciTag()
    {
        string repository = "curl/multi-tag";
        (string digest, string manifest) = await ManifestAsync(repository);

        CurlResponse pushed = await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.manifest.v1+json",
            "--data-binary", "@" + manifest, Url($"/v2/{repository}/manifests/{digest}?tag=1.2.3&tag=1.2&tag=1&tag=latest&tag=1.2"));

        AssertStatus(201, pushed);
        Assert.Equal(digest, pushed.Header("Docker-Content-Digest"));
        Assert.Equal(["1.2.3", "1.2", "1", "latest"], pushed.Header("OCI-Tag")!.Split(',', StringSplitOptions.TrimEntries));
        CurlResponse list = await curl.RequestAsync("-u", Admin, Url($"/v2/{repository}/tags/list"));
        using (JsonDocument json = JsonDocument.Parse(list.Text))
        {
            Assert.Equal(["1", "1.2", "1.2.3", "latest"], json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        }

        foreach (string tag in new[] { "1.2.3", "latest" })
        {
            CurlResponse head = await curl.RequestAsync("-u", Admin, "-I", "-H", "Accept: application/vnd.oci.image.manifest.v1+json", Url($"/v2/{repository}/manifests/{tag}"));
            AssertStatus(200, head);
            Assert.Equal(digest, head.Header("Docker-Content-Digest"));
        }

        // Each tag is announced as a push to it would be.
        CurlResponse audit = await curl.RequestAsync("-u", Admin, Url($"/api/v1/audit?action=manifest.push&limit=50"));
        using (JsonDocument json = JsonDocument.Parse(audit.Text))
        {
            Assert.Equal(["curl/multi-tag:1", "curl/multi-tag:1.2", "curl/multi-tag:1.2.3", "curl/multi-tag:latest"],
                json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString())
                    .Where(t => t!.StartsWith(repository + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        // Bad tags are refused before anything is stored; tags on a push by tag are refused.
        CurlResponse bad = await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.manifest.v1+json",
            "--data-binary", "@" + manifest, Url($"/v2/{repository}/manifests/{digest}?tag=ok&tag=-bad"));
        AssertStatus(400, bad);
        Assert.Contains("TAG_INVALID", bad.Text, StringComparison.Ordinal);
        CurlResponse byTag = await curl.RequestAsync("-u", Admin, "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.manifest.v1+json",
            "--data-binary", "@" + manifest, Url($"/v2/{repository}/manifests/other?tag=more"));
        AssertStatus(400, byTag);
        CurlResponse tags = await curl.RequestAsync("-u", Admin, Url($"/v2/{repository}/tags/list"));
        Assert.DoesNotContain("\"ok\"", tags.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"other\"", tags.Text, StringComparison.Ordinal);
    }

    [EndToEndFact]
    public async Task AChunkedUpload_WithDigestAlgorithmSha512_StoresTheBlobUnderItsSha512Digest()
    {
        string repository = "curl/sha512";
        byte[] content = RandomNumberGenerator.GetBytes(300_000);
        string digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content));

        CurlResponse started = await curl.RequestAsync("-u", Admin, "-X", "POST", "-H", "Content-Length: 0", Url($"/v2/{repository}/blobs/uploads/?digest-algorithm=sha512"));
        AssertStatus(202, started);
        string location = started.Header("Location")!;
        string upload = location.StartsWith('/') ? Url(location) : location;
        CurlResponse patched = await curl.RequestAsync("-u", Admin, "-X", "PATCH", "-H", "Content-Type: application/octet-stream",
            "-H", $"Content-Range: 0-{content.Length - 1}", "--data-binary", "@" + WriteFile("blob", content), upload);
        AssertStatus(202, patched);
        string next = patched.Header("Location")!;
        string separator = next.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        CurlResponse committed = await curl.RequestAsync("-u", Admin, "-X", "PUT", (next.StartsWith('/') ? Url(next) : next) + separator + "digest=" + digest);
        AssertStatus(201, committed);
        Assert.Equal(digest, committed.Header("Docker-Content-Digest"));

        CurlResponse pulled = await curl.RequestAsync("-u", Admin, Url($"/v2/{repository}/blobs/{digest}"));
        AssertStatus(200, pulled);
        Assert.Equal(content, pulled.Body);

        // A wrong digest of the right algorithm is refused; an algorithm the registry does not know is refused at the start.
        CurlResponse unknown = await curl.RequestAsync("-u", Admin, "-X", "POST", Url($"/v2/{repository}/blobs/uploads/?digest-algorithm=md5"));
        AssertStatus(400, unknown);
        Assert.Contains("DIGEST_INVALID", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("sha512", unknown.Text, StringComparison.Ordinal);
        string sha256 = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        CurlResponse mismatch = await curl.RequestAsync("-u", Admin, "-X", "POST", "--data-binary", "@" + WriteFile("blob2", content),
            Url($"/v2/{repository}/blobs/uploads/?digest-algorithm=sha512&digest={sha256}"));
        AssertStatus(400, mismatch);
    }

    [EndToEndFact]
    public async Task ARangeInAnotherUnitThanBytes_IsIgnored_AndTheWholeBlobAnswered()
    {
        string repository = "curl/range";
        byte[] content = RandomNumberGenerator.GetBytes(5000);
        string digest = await PushBlobAsync(repository, content);

        CurlResponse items = await curl.RequestAsync("-u", Admin, "-H", "Range: items=0-5", Url($"/v2/{repository}/blobs/{digest}"));
        AssertStatus(200, items);
        Assert.Equal(content, items.Body);
        Assert.Null(items.Header("Content-Range"));

        CurlResponse bytes = await curl.RequestAsync("-u", Admin, "-H", "Range: bytes=0-5", Url($"/v2/{repository}/blobs/{digest}"));
        AssertStatus(206, bytes);
        Assert.Equal(content[..6], bytes.Body);
    }
}
