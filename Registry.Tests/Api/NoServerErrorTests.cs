using System.Text;
using System.Text.Json;

namespace Registry.Tests.Api;

/// <summary>
/// Malformed and hostile requests: whatever the registry answers, it is never a 5xx, and every error it sends with a
/// body is the spec's JSON error shape. Placeholders in a row are filled per row: <c>{repo}</c> (a repository holding
/// an image tagged v1), <c>{blob}</c> (its layer), <c>{manifest}</c> (its digest) and <c>{upload}</c> (the path of an
/// open upload session already holding 10 bytes).
/// </summary>
public sealed class NoServerErrorTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string Hex64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Oci = "application/vnd.oci.image.manifest.v1+json";
    private const string Index = "application/vnd.oci.image.index.v1+json";
    private const string ManifestHead = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",""";
    private const string GoodConfig = "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":0}";

    private readonly HttpClient _client = factory.CreateRegistryClient();

    public static TheoryData<string, string, string, string?, string?> Requests()
    {
        var rows = new TheoryData<string, string, string, string?, string?>();

        void Add(string label, string method, string target, string? body = null, string? headers = null)
            => rows.Add(label, method, target, body, headers);

        // Garbage digests and references.
        Add("blob digest with NUL", "GET", "/v2/{repo}/blobs/sha256:\0");
        Add("blob digest too long", "GET", $"/v2/{{repo}}/blobs/sha256:{Hex64}0");
        Add("blob digest colons", "GET", "/v2/{repo}/blobs/:::");
        Add("blob digest upper-case algorithm", "GET", $"/v2/{{repo}}/blobs/SHA256:{Hex64}");
        Add("blob digest with suffix", "HEAD", $"/v2/{{repo}}/blobs/sha256:{Hex64}:x");
        Add("blob digest 10k chars", "GET", "/v2/{repo}/blobs/sha256:" + new string('a', 10_000));
        Add("blob digest encoded slashes", "GET", "/v2/{repo}/blobs/sha256:..%2F..%2Fetc%2Fpasswd");
        Add("blob path traversal", "GET", "/v2/{repo}/blobs/sha256:../../etc/passwd");
        Add("blob digest empty algorithm", "DELETE", $"/v2/{{repo}}/blobs/:{Hex64}");
        Add("blob digest sha512 of sha256 length", "GET", $"/v2/{{repo}}/blobs/sha512:{Hex64}");
        Add("manifest digest empty hex", "HEAD", "/v2/{repo}/manifests/sha256:");
        Add("manifest delete short sha512", "DELETE", "/v2/{repo}/manifests/sha512:abc");
        Add("manifest put upper-case hex", "PUT", "/v2/{repo}/manifests/sha256:" + Hex64.ToUpperInvariant(), "{}", "Content-Type: " + Oci);
        Add("manifest tag 10k chars", "GET", "/v2/{repo}/manifests/" + new string('t', 10_000));
        Add("manifest reference percent", "GET", "/v2/{repo}/manifests/%");
        Add("manifest reference unicode", "GET", "/v2/{repo}/manifests/tæg");
        Add("referrers garbage digest", "GET", "/v2/{repo}/referrers/sha256:ZZZ");
        Add("referrers empty digest", "GET", "/v2/{repo}/referrers/:");
        Add("referrers artifactType garbage", "GET", "/v2/{repo}/referrers/{manifest}?artifactType=%ff%fe%00");
        Add("referrers artifactType twice", "GET", "/v2/{repo}/referrers/{manifest}?artifactType=a&artifactType=b");

        // Pagination numbers.
        Add("tags n huge", "GET", "/v2/{repo}/tags/list?n=99999999999999999999999");
        Add("tags n int max", "GET", "/v2/{repo}/tags/list?n=2147483647");
        Add("tags n int min", "GET", "/v2/{repo}/tags/list?n=-2147483648");
        Add("tags n exponent", "GET", "/v2/{repo}/tags/list?n=1e9");
        Add("tags n zero", "GET", "/v2/{repo}/tags/list?n=0");
        Add("tags n zero empty last", "GET", "/v2/{repo}/tags/list?n=0&last=");
        Add("tags n twice", "GET", "/v2/{repo}/tags/list?n=1&n=2");
        Add("tags n bad percent", "GET", "/v2/{repo}/tags/list?n=%zz");
        Add("tags last NUL", "GET", "/v2/{repo}/tags/list?last=%00");
        Add("tags last invalid utf8", "GET", "/v2/{repo}/tags/list?last=%ff%fe");
        Add("tags last 10k", "GET", "/v2/{repo}/tags/list?n=1&last=" + new string('z', 10_000));
        Add("catalog n int max", "GET", "/v2/_catalog?n=2147483647");
        Add("catalog n zero", "GET", "/v2/_catalog?n=0");
        Add("catalog n huge", "GET", "/v2/_catalog?n=18446744073709551616");
        Add("catalog last lone percent", "GET", "/v2/_catalog?last=%");
        Add("catalog last sql", "GET", "/v2/_catalog?n=5&last=%27%20OR%201%3D1%20--");

        // Broken Content-Range on an open session.
        foreach (string range in new[]
        {
            "bytes=10-19", "-", "10-", "-5", "19-10", "10-99999999999999999999", "9223372036854775807-9223372036854775807",
            "0-9223372036854775807", "10-9223372036854775807", "a-b", "10-19/abc", "bytes */10", " ", "10-14,15-19", "10 - 19",
            "+10-+19", "0x0a-0x13", "１０-１９",
        })
        {
            Add($"PATCH Content-Range '{range}'", "PATCH", "{upload}", "0123456789", "Content-Range: " + range);
            Add($"PUT Content-Range '{range}'", "PUT", $"{{upload}}?digest=sha256:{Hex64}", "0123456789", "Content-Range: " + range);
        }

        Add("PATCH Content-Range without length", "PATCH", "{upload}", "0123456789", "Content-Range: 10-19|!nolength");
        Add("PATCH Content-Range larger than body", "PATCH", "{upload}", "0123", "Content-Range: 10-19|!nolength");

        // Range headers on blob reads.
        foreach (string range in new[] { "bytes=abc", "bytes=10-5", "bytes=-0", "items=0-1", "bytes=0-0,1-1,2-2,3-3", "bytes=99999999999999999999-", "bytes=" })
        {
            Add($"GET blob Range '{range}'", "GET", "/v2/{repo}/blobs/{blob}", null, "Range: " + range);
        }

        // Bad percent-encoding and odd query parameters.
        Add("upload digest bad percent", "POST", "/v2/{repo}/blobs/uploads/?digest=%zz", "x");
        Add("upload digest empty", "POST", "/v2/{repo}/blobs/uploads/?digest=", "x");
        Add("upload digest twice", "POST", $"/v2/{{repo}}/blobs/uploads/?digest=sha256:{Hex64}&digest=sha256:{Hex64}", "");
        Add("upload mount truncated utf8", "POST", "/v2/{repo}/blobs/uploads/?mount=%E0%A4%A&from=%");
        Add("upload mount empty", "POST", "/v2/{repo}/blobs/uploads/?mount=&from=");
        Add("upload mount from NUL", "POST", "/v2/{repo}/blobs/uploads/?mount={blob}&from=%00");
        Add("upload mount from itself", "POST", "/v2/{repo}/blobs/uploads/?mount={blob}&from={repo}");
        Add("upload mount with body", "POST", "/v2/{repo}/blobs/uploads/?mount={blob}&from={repo}", "ignored body");
        Add("upload mount and digest", "POST", $"/v2/{{repo}}/blobs/uploads/?mount={{blob}}&from=nowhere&digest=sha256:{Hex64}", "");
        Add("upload close digest twice", "PUT", $"{{upload}}?digest=sha256:{Hex64}&digest=sha256:{Hex64}");
        Add("upload close md5", "PUT", "{upload}?digest=md5:d41d8cd98f00b204e9800998ecf8427e");
        Add("name with literal %zz", "GET", "/v2/foo%zz/tags/list");
        Add("name with literal %2F", "GET", "/v2/foo%2Fbar/tags/list");
        Add("name with NUL", "GET", "/v2/a\0b/tags/list");

        // Empty bodies.
        Add("manifest empty body", "PUT", "/v2/{repo}/manifests/latest", "", "Content-Type: " + Oci);
        Add("manifest no body no type", "PUT", "/v2/{repo}/manifests/latest");
        Add("monolithic empty body wrong digest", "POST", "/v2/{repo}/blobs/uploads/?digest={blob}", "");
        Add("PATCH empty body", "PATCH", "{upload}", "");
        Add("PATCH empty body with range", "PATCH", "{upload}", "", "Content-Range: 10-9");
        Add("PUT upload empty body wrong digest", "PUT", $"{{upload}}?digest=sha256:{Hex64}", "");
        Add("PUT upload no digest no body", "PUT", "{upload}");

        // Methods the API does not have, and bodies where none belong.
        Add("TRACE base", "TRACE", "/v2/");
        Add("PROPFIND manifest", "PROPFIND", "/v2/{repo}/manifests/v1");
        Add("custom verb", "FROB", "/v2/{repo}/blobs/{blob}");
        Add("HEAD upload start", "HEAD", "/v2/{repo}/blobs/uploads/");
        Add("HEAD upload session", "HEAD", "{upload}");
        Add("HEAD tags", "HEAD", "/v2/{repo}/tags/list");
        Add("HEAD referrers", "HEAD", "/v2/{repo}/referrers/{manifest}");
        Add("HEAD catalog", "HEAD", "/v2/_catalog");
        Add("OPTIONS catalog", "OPTIONS", "/v2/_catalog");
        Add("GET base with body", "GET", "/v2/", "{}");
        Add("DELETE blob with body", "DELETE", "/v2/{repo}/blobs/" + Digests.EmptyJson, "body");
        Add("lower-case method", "get", "/v2/{repo}/manifests/v1");

        // Weird repository names.
        Add("name deeply nested", "GET", "/v2/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/tags/list");
        Add("name 10k chars", "GET", "/v2/" + new string('a', 10_000) + "/tags/list");
        Add("name 10k components", "GET", "/v2/" + string.Join('/', Enumerable.Repeat("a", 5_000)) + "/tags/list");
        Add("name right-to-left override", "GET", "/v2/a\u202eb/tags/list");
        Add("name emoji", "GET", "/v2/emoji\U0001F600/manifests/latest");
        Add("name traversal", "GET", "/v2/a/b/../../../../etc/passwd/tags/list");
        Add("name space", "GET", "/v2/ /tags/list");
        Add("name _catalog", "GET", "/v2/_catalog/tags/list");
        Add("name v2 push", "POST", "/v2/v2/blobs/uploads/");
        Add("name blobs uploads repeated", "GET", "/v2/blobs/uploads/blobs/uploads/blobs/uploads");
        Add("upload id with slash", "GET", "/v2/{repo}/blobs/uploads/a/b");

        // Manifests: truncated JSON, non-objects, wrong field types.
        foreach (string body in new[]
        {
            ManifestHead + "\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:",
            "[]", "\"manifest\"", "null", "true", "123", "{}", "{\"schemaVersion\":2}", "{\"schemaVersion\":\"2\"}",
            "{\"schemaVersion\":99999999999999999999}", "{\"schemaVersion\":-1}", "{\"schemaVersion\":2.0}",
            ManifestHead + GoodConfig + "}",
            ManifestHead + GoodConfig + ",\"layers\":null}",
            ManifestHead + GoodConfig + ",\"layers\":[null]}",
            ManifestHead + GoodConfig + ",\"layers\":[[]]}",
            ManifestHead + GoodConfig + ",\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":1e400}]}",
            ManifestHead + GoodConfig + ",\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":9223372036854775808}]}",
            ManifestHead + GoodConfig + ",\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":9223372036854775807}]}",
            ManifestHead + GoodConfig + ",\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":1,\"urls\":[1,2]}]}",
            ManifestHead + GoodConfig + ",\"layers\":[{\"mediaType\":\"\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":0}]}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"subject\":null}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"subject\":{\"mediaType\":\"x\",\"digest\":\"sha256:bad\",\"size\":1}}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":null}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"a\":{\"b\":\"c\"}}}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"\\ud800\":\"\\udfff\"}}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"artifactType\":null}",
            ManifestHead + GoodConfig + ",\"layers\":[],\"config\":{}}",
            ManifestHead + "\"config\":{\"mediaType\":null,\"digest\":null,\"size\":null},\"layers\":[]}",
            "{\"schemaVersion\":2,\"schemaVersion\":1," + GoodConfig + ",\"layers\":[]}",
            "\uFEFF" + ManifestHead + GoodConfig + ",\"layers\":[]}",
            "@deep", "@deep-annotations", "@badutf8", "@badutf8-unread", "@overlong-utf8", "@binary",
        })
        {
            Add($"manifest body {Shorten(body)}", "PUT", "/v2/{repo}/manifests/weird", body, "Content-Type: " + Oci);
        }

        foreach (string body in new[]
        {
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":{}}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[null]}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"{manifest}\",\"size\":1,\"platform\":\"linux\"}]}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"{manifest}\",\"size\":1,\"platform\":{\"os\":1}}]}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"{blob}\",\"size\":10}]}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"{manifest}\",\"size\":-1}]}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + Index + "\",\"manifests\":[],\"layers\":[]}",
        })
        {
            Add($"index body {Shorten(body)}", "PUT", "/v2/{repo}/manifests/weird-index", body, "Content-Type: " + Index);
        }

        foreach (string contentType in new[] { "////", Oci + "; charset=\"", ";", "text/plain", new string('x', 5000), "application/vnd.docker.distribution.manifest.v1+json" })
        {
            Add($"manifest Content-Type {Shorten(contentType)}", "PUT", "/v2/{repo}/manifests/ct", ManifestHead + GoodConfig + ",\"layers\":[]}", "Content-Type: " + contentType);
        }

        Add("manifest huge streamed", "PUT", "/v2/{repo}/manifests/huge", "@huge", "Content-Type: " + Oci + "|!nolength");
        Add("manifest huge declared", "PUT", "/v2/{repo}/manifests/huge", "@huge", "Content-Type: " + Oci);

        // Headers that negotiate.
        foreach (string accept in new[] { ",,,,;;;", "*/*;q=abc", "application/", ";q=1", new string('a', 8000) })
        {
            Add($"Accept {Shorten(accept)}", "GET", "/v2/{repo}/manifests/v1", null, "Accept: " + accept);
        }

        Add("If-None-Match garbage", "GET", "/v2/{repo}/manifests/v1", null, "If-None-Match: \"\"\"\"");
        return rows;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task MalformedRequest_NeverReturns5xx(string label, string method, string target, string? body, string? headers)
    {
        string repository = Names.Unique("fuzz");
        byte[] layer = Digests.RandomBytes(10);
        PushedManifest image = await PushImageWithLayerAsync(repository, layer);
        string upload = await _client.StartUploadAsync(repository);
        using (HttpResponseMessage patch = await _client.PatchChunkAsync(upload, Encoding.ASCII.GetBytes("0123456789"), 0))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, patch.StatusCode);
        }

        string Fill(string text) => text
            .Replace("{upload}", upload, StringComparison.Ordinal)
            .Replace("{repo}", repository, StringComparison.Ordinal)
            .Replace("{blob}", Digests.Sha256(layer), StringComparison.Ordinal)
            .Replace("{manifest}", image.Digest, StringComparison.Ordinal);

        var headerMap = new Dictionary<string, string>();
        bool declareLength = true;
        foreach (string header in (headers ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (header == "!nolength")
            {
                declareLength = false;
                continue;
            }

            int colon = header.IndexOf(':', StringComparison.Ordinal);
            headerMap[header[..colon]] = header[(colon + 1)..].Trim();
        }

        RawResponse response = await RawRequests.SendAsync(factory, method, Fill(target), Body(body is null ? null : Fill(body)), headerMap, declareLength);

        Assert.True(response.Status < 500, $"{label}: {method} answered {response.Status}: {response.Body}");
        if (response.Status >= 400 && response.Body.Length > 0)
        {
            AssertErrorShape(label, response.Body);
        }
    }

    [Fact]
    public async Task ConcurrentPatches_WithTheSameRange_OneIsAcceptedTheOthers416()
    {
        string location = await _client.StartUploadAsync(Names.Unique("fuzz"));
        byte[] chunk = Digests.RandomBytes(1000);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PatchChunkAsync(location, chunk, 0)));
        using HttpResponseMessage status = await _client.GetAsync(location);

        Assert.Single(responses, r => r.StatusCode == System.Net.HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != System.Net.HttpStatusCode.Accepted),
            r => Assert.Equal(System.Net.HttpStatusCode.RequestedRangeNotSatisfiable, r.StatusCode));
        Assert.Equal("0-999", status.Header("Range"));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentCloseCancelAndPatch_OnOneSession_NeverReturn5xx()
    {
        string repository = Names.Unique("fuzz");
        byte[] content = Digests.RandomBytes(100);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, content, 0);

        HttpResponseMessage[] responses = await Task.WhenAll(
            _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha256(content))),
            _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha256(content))),
            _client.DeleteAsync(location),
            _client.PatchChunkAsync(location, content, 100),
            _client.GetAsync(location));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"answered {(int)r.StatusCode}"));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentPushes_OfTheSameBlobAndManifestAndTag_AllSucceed()
    {
        string repository = Names.Unique("fuzz");
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(2000);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);

        HttpResponseMessage[] blobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _client.SendAsync(HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?digest={Digests.Sha256(i % 2 == 0 ? config : layer)}", i % 2 == 0 ? config : layer, MediaTypes.OctetStream)));
        HttpResponseMessage[] manifests = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _client.PutManifestAsync(repository, "same", manifest, MediaTypes.OciManifest)));

        Assert.All(blobs, r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));
        Assert.All(manifests, r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));
        foreach (HttpResponseMessage response in blobs.Concat(manifests))
        {
            response.Dispose();
        }
    }

    private async Task<PushedManifest> PushImageWithLayerAsync(string repository, byte[] layer)
    {
        byte[] config = Manifests.Config();
        await _client.PushBlobAsync(repository, config);
        await _client.PushBlobAsync(repository, layer);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        return await _client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, "v1");
    }

    private static byte[]? Body(string? body) => body switch
    {
        null => null,
        "@deep" => Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000)),
        "@deep-annotations" => Encoding.ASCII.GetBytes(ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"a\":"
            + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "\"x\"" + new string('}', 200) + "}}"),
        "@badutf8" => [.. Encoding.ASCII.GetBytes(ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"a\":\""), 0xff, 0xfe, 0xc0, .. "\"}}"u8.ToArray()],
        "@badutf8-unread" => [.. Encoding.ASCII.GetBytes(ManifestHead + GoodConfig + ",\"layers\":[],\"x-unknown\":\""), 0xff, 0xfe, .. "\"}"u8.ToArray()],
        "@overlong-utf8" => [.. Encoding.ASCII.GetBytes(ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"a\":\""), 0xc0, 0xaf, .. "\"}}"u8.ToArray()],
        "@binary" => Digests.RandomBytes(4096),
        "@huge" => Encoding.ASCII.GetBytes(ManifestHead + GoodConfig + ",\"layers\":[],\"annotations\":{\"pad\":\"" + new string('x', 5 * 1024 * 1024) + "\"}}"),
        _ => Encoding.UTF8.GetBytes(body),
    };

    private static void AssertErrorShape(string label, string body)
    {
        try
        {
            Assert.NotEmpty(OciAssert.ErrorCodes(body));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Assert.Fail($"{label}: error body is not the OCI error shape: {body}");
        }
    }

    private static string Shorten(string text)
    {
        string flat = text.Replace('\0', '0').Replace('\uFEFF', 'B');
        return flat.Length <= 60 ? flat : string.Concat(flat.AsSpan(0, 40), "…", flat.AsSpan(flat.Length - 15), $" ({flat.Length} chars)");
    }
}
