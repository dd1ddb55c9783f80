using System.Globalization;
using System.Text;

namespace Registry.Tests.Support;

/// <summary>What curl received: the status, the headers (last response only) and the body.</summary>
internal sealed record CurlResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public override string ToString() => $"{Status} {Text}";
}

/// <summary>
/// Runs /usr/bin/curl as CI scripts do. Every request goes with <c>--path-as-is</c>, so dot segments reach the
/// registry unresolved, and without a proxy.
/// </summary>
public sealed class CurlClient : IAsyncLifetime
{
    private TempDirectory? directory;
    private string? curl;
    private int count;

    public Task InitializeAsync()
    {
        if (!EndToEndEnvironment.IsDisabled)
        {
            curl = ExternalTool.Require("curl", "curl");
            directory = TempDirectory.Create("e2e-curl-");
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs curl with the arguments (URL included); throws when curl itself fails (not on HTTP errors).</summary>
    internal async Task<CurlResponse> RequestAsync(params string[] arguments)
    {
        string tool = curl ?? throw new InvalidOperationException("curl is not set up (end-to-end tests are switched off).");
        int n = Interlocked.Increment(ref count);
        string body = directory!.Combine($"body-{n}");
        string headers = directory.Combine($"headers-{n}");
        ProcessResult result = (await ProcessRunner.RunAsync(tool,
            ["--silent", "--show-error", "--path-as-is", "--noproxy", "*", "--output", body, "--dump-header", headers, "--write-out", "%{http_code}", .. arguments])).EnsureSuccess();
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in await File.ReadAllLinesAsync(headers))
        {
            if (line.StartsWith("HTTP/", StringComparison.Ordinal))
            {
                parsed.Clear();
            }
            else if (line.IndexOf(':') is > 0 and int colon)
            {
                // A header sent on several lines is one list (RFC 9110, 5.3), as HttpClient reads it.
                string field = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
                parsed[field] = parsed.TryGetValue(field, out string? earlier) ? $"{earlier}, {value}" : value;
            }
        }

        byte[] bytes = File.Exists(body) ? await File.ReadAllBytesAsync(body) : [];
        return new CurlResponse(int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture), parsed, bytes);
    }

    public Task DisposeAsync()
    {
        directory?.Dispose();
        return Task.CompletedTask;
    }
}
