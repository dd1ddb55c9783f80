using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

/// <summary>
/// Registry:Network:TcpNotSentLowWatermark on the real process (Linux): a download whose client stopped reading leaves
/// at most about the limit unsent in the kernel's send queue, where without a limit the kernel's own buffer (megabytes)
/// fills. The unsent bytes are the registry socket's <c>notsent</c> in <c>ss -ti</c> (the kernel's tcpi_notsent_bytes;
/// the send queue in /proc/net/tcp also counts bytes sent and not yet acknowledged, which the option does not limit).
/// </summary>
public sealed partial class TcpNotSentLowWatermarkTests
{
    private const int BlobBytes = 64 << 20;
    private const int ReadBeforeStopping = 8 << 20;

    [Fact]
    public async Task ADownloadToAClientThatStoppedReading_QueuesAtMostTheLimitUnsent()
    {
        const int limit = 256 << 10;
        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Network__TcpNotSentLowWatermark"] = limit.ToString(CultureInfo.InvariantCulture),
        });

        long queued = await UnsentBytesOfAStalledDownloadAsync(registry);

        // What waits unsent is the limit plus at most the last segments the kernel took in one go.
        Assert.InRange(queued, 1, limit + (128 << 10));
    }

    [Fact]
    public async Task WithZero_TheKernelsOwnBufferFills()
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Network__TcpNotSentLowWatermark"] = "0",
        });

        long queued = await UnsentBytesOfAStalledDownloadAsync(registry);

        Assert.True(queued > 1 << 20, $"send queue {queued} bytes: expected the kernel's buffer (megabytes) to fill");
    }

    /// <summary>
    /// Pushes a 64 MiB blob, downloads 8 MiB of it on a raw connection (so the kernel has grown that connection's
    /// buffers), stops reading, and returns the registry side's unsent bytes once they no longer change.
    /// </summary>
    private static async Task<long> UnsentBytesOfAStalledDownloadAsync(RegistryProcess registry)
    {
        const string repository = "storm/stalled";
        using HttpClient admin = registry.CreateClient();
        string digest = PseudoRandomStream.ComputeDigest(BlobBytes, 21);
        using (var body = new StreamContent(new PseudoRandomStream(BlobBytes, 21)))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = BlobBytes;
            using HttpResponseMessage pushed = await admin.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", body);
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, registry.Port);
        string credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + registry.AdminPassword));
        await client.SendAsync(Encoding.ASCII.GetBytes(
            $"GET /v2/{repository}/blobs/{digest} HTTP/1.1\r\nHost: {registry.HostPort}\r\nAuthorization: Basic {credentials}\r\n\r\n"));
        var buffer = new byte[1 << 20];
        long received = 0;
        while (received < ReadBeforeStopping)
        {
            int read = await client.ReceiveAsync(buffer);
            Assert.True(read > 0, $"the registry closed the download after {received} bytes");
            received += read;
        }

        int clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;
        long previous = -1;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            long current = await RegistryUnsentBytesAsync(registry.Port, clientPort);
            if (current == previous && current > 0)
            {
                return current;
            }

            previous = current;
        }

        throw new InvalidOperationException($"the unsent bytes did not settle (last {previous})");
    }

    /// <summary>The registry end's <c>notsent</c> bytes (absent when none) from <c>ss -tin</c> for this one connection.</summary>
    private static async Task<long> RegistryUnsentBytesAsync(int registryPort, int clientPort)
    {
        ProcessResult ss = await ProcessRunner.RunCheckedAsync(
            "ss", ["-tinH", "state", "established", $"( sport = :{registryPort} and dport = :{clientPort} )"]);
        Assert.False(string.IsNullOrWhiteSpace(ss.StandardOutput), $"no connection {registryPort} -> {clientPort} in ss");
        Match unsent = NotSent().Match(ss.StandardOutput);
        return unsent.Success ? long.Parse(unsent.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"\bnotsent:(\d+)")]
    private static partial Regex NotSent();
}
