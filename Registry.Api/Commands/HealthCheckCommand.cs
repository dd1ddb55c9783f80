using System.CommandLine;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll --healthcheck [url]</c>: probes <c>/healthz</c> of the registry running on this
/// machine and exits 0 when it answers 200, else 1. It is the container HEALTHCHECK (the runtime image has no
/// curl). Without a URL it derives one from <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c>, as Kestrel
/// does, and falls back to <c>http://localhost:5000</c>. The registry itself is not started.
/// </summary>
internal static class HealthCheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The root command's <c>--healthcheck [url]</c> option (an option, not a subcommand, as the Dockerfile has always called it).</summary>
    public static Option<string?> CreateOption() => new("--healthcheck")
    {
        Description = "Probe /healthz of the registry on this machine (the container HEALTHCHECK) and exit 0 when it answers 200, else 1.",
        HelpName = "url",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Whether the command line asked for the probe.</summary>
    public static bool IsRequested(ParseResult parse, Option<string?> option) => parse.GetResult(option) is not null;

    public static async Task<int> RunAsync(string? url, TextWriter output, CancellationToken ct)
    {
        Uri uri;
        try
        {
            uri = ProbeUri(
                url,
                Environment.GetEnvironmentVariable("ASPNETCORE_URLS"),
                Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));
        }
        catch (UriFormatException e)
        {
            await output.WriteLineAsync($"healthcheck: {e.Message}");
            return 1;
        }

        // No proxy: the probe is for this machine, whatever HTTP_PROXY the container was given.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using HttpResponseMessage response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await output.WriteLineAsync($"healthcheck: {uri} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"healthcheck: {uri} did not answer: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The <c>/healthz</c> address: the given URL (a base address, or one ending in <c>/healthz</c>); else the first
    /// <c>http://</c> entry of <paramref name="urls"/> (a wildcard host becomes 127.0.0.1); else the first port of
    /// <paramref name="httpPorts"/>; else port 5000.
    /// </summary>
    public static Uri ProbeUri(string? explicitUrl, string? urls, string? httpPorts)
    {
        if (!string.IsNullOrWhiteSpace(explicitUrl))
        {
            string trimmed = explicitUrl.Trim().TrimEnd('/');
            return new Uri(trimmed.EndsWith("/healthz", StringComparison.Ordinal) ? trimmed : trimmed + "/healthz");
        }

        foreach (string entry in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!entry.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string rest = entry["http://".Length..].TrimEnd('/');
            int portStart = rest.LastIndexOf(':');
            bool hasPort = portStart >= 0 && portStart > rest.LastIndexOf(']');
            string host = hasPort ? rest[..portStart] : rest;
            string port = hasPort ? rest[(portStart + 1)..] : "80";
            if (host is "+" or "*" or "0.0.0.0" or "[::]" or "")
            {
                host = "127.0.0.1";
            }

            return new Uri($"http://{host}:{port}/healthz");
        }

        string? firstPort = (httpPorts ?? string.Empty)
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return new Uri($"http://127.0.0.1:{firstPort ?? "5000"}/healthz");
    }
}
