using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A path with <c>%00</c>, which Kestrel refuses before the application with an empty 400: the registry process answers
/// it in the shape of the API it was sent to, stores nothing, and the connection stays usable for the next request.
/// </summary>
[Collection(ArtifactCurlCollection.Name)]
public sealed class ArtifactNulPathTests(CurlClient curl, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-curl-nul-")
{
    private const string Repo = "nul-files";

    private string Admin => $"admin:{Registry.AdminPassword}";

    private string Base => Registry.BaseUri.AbsoluteUri.TrimEnd('/');

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Repo, "generic", CancellationToken.None);
    }

    [EndToEndFact]
    public async Task CurlWithNulInThePath_GetsArtifactoryErrorJson_AndNothingIsStored()
    {
        string file = Work.Combine("n.txt");
        await File.WriteAllTextAsync(file, "content");

        CurlResponse put = await curl.RequestAsync("-u", Admin, "-T", file, $"{Base}/artifactory/{Repo}/dir/a%00b.txt");
        CurlResponse get = await curl.RequestAsync("-u", Admin, $"{Base}/artifactory/{Repo}/a%00.txt");
        CurlResponse oci = await curl.RequestAsync("-u", Admin, $"{Base}/v2/team/app%00/tags/list");
        CurlResponse api = await curl.RequestAsync("-u", Admin, $"{Base}/api/v1/repositories/a%00b");

        foreach (CurlResponse response in new[] { put, get })
        {
            Assert.True(response.Status == 400, response.ToString());
            Assert.StartsWith("application/json", response.Header("Content-Type"));
            using JsonDocument json = JsonDocument.Parse(response.Text);
            JsonElement error = json.RootElement.GetProperty("errors")[0];
            Assert.Equal(400, error.GetProperty("status").GetInt32());
            Assert.Contains("NUL character (%00)", error.GetProperty("message").GetString());
        }

        Assert.True(oci.Status == 400, oci.ToString());
        Assert.Contains("\"NAME_INVALID\"", oci.Text);
        Assert.True(api.Status == 400, api.ToString());
        Assert.StartsWith("application/problem+json", api.Header("Content-Type"));
        Assert.Contains("NUL character", api.Text);

        CurlResponse listing = await curl.RequestAsync("-u", Admin, $"{Base}/artifactory/api/storage/{Repo}");
        Assert.Contains("\"children\":[]", listing.Text);
    }

    [EndToEndFact]
    public async Task OnOneKeptAliveConnection_BodiesHoldingNulTextArriveIntact_AndTheNulRequestDoesNotEndTheConnection()
    {
        int connects = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref connects);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = Registry.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Admin)));

        // Bodies that look like request lines with %00: the connection layer must leave them alone.
        string body = string.Concat(Enumerable.Repeat("GET /artifactory/x%00 HTTP/1.1\r\nHost: y\r\n\r\n%00", 5000));
        using (var sized = new StringContent(body))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, (await http.PutAsync($"artifactory/{Repo}/sized.txt", sized)).StatusCode);
        }

        using (var chunked = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body))))
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"artifactory/{Repo}/chunked.txt") { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
        }

        HttpResponseMessage refused = await http.GetAsync($"artifactory/{Repo}/x%00y.txt");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("NUL character (%00)", await refused.Content.ReadAsStringAsync());

        Assert.Equal(body, await http.GetStringAsync($"artifactory/{Repo}/sized.txt"));
        Assert.Equal(body, await http.GetStringAsync($"artifactory/{Repo}/chunked.txt"));
        Assert.Equal(1, connects);
    }

    /// <summary>A stream without a length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
