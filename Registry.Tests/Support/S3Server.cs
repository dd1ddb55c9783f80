using System.Diagnostics;

namespace Registry.Tests.Support;

/// <summary>
/// s3rver (an S3 emulator on node), for the blob contracts (one per test process) and the tests that start their own.
/// It is installed on first use into <c>.ci/node_modules-cache</c> of the repository (<c>.ci/install-tools</c> does
/// that ahead of time for CI). s3rver stores objects, multipart uploads, copies and presigned GETs faithfully, but
/// cannot list or abort multipart uploads, list parts, or copy parts, and does not enforce the 5 MiB minimum part size.
/// </summary>
public sealed class S3Server : LocalS3Server
{
    public const string Version = "3.7.1";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public override bool SupportsMultipartManagement => false;

    public override string AccessKey => "S3RVER";

    public override string SecretKey => "S3RVER";

    /// <summary>Where s3rver is installed: <c>&lt;repository&gt;/.ci/node_modules-cache</c>.</summary>
    public static string CacheDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
                {
                    return Path.Combine(directory.FullName, ".ci", "node_modules-cache");
                }
            }

            return Path.Combine(Path.GetTempPath(), "registry-node_modules-cache");
        }
    }

    protected override async Task<ProcessStartInfo> CreateStartInfoAsync(int port)
    {
        string node = ExternalTool.Find("node") ?? throw new InvalidOperationException(
            "'node' was not found on PATH. The S3 blob store tests run s3rver on node: install it with " +
            "'sudo apt-get install nodejs npm' (or run .ci/install-tools as root).");
        string script = await EnsureInstalledAsync();
        var start = new ProcessStartInfo(node);
        foreach (string argument in new[] { script, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", DataDirectory, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        string cache = CacheDirectory;
        string script = Path.Combine(cache, "node_modules", "s3rver", "bin", "s3rver.js");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(script))
            {
                return script;
            }

            string npm = ExternalTool.Find("npm") ?? throw new InvalidOperationException(
                $"s3rver is not installed in {cache} and 'npm' was not found on PATH: install it with " +
                "'sudo apt-get install nodejs npm' (or run .ci/install-tools as root).");
            Directory.CreateDirectory(cache);
            ProcessResult result = await ProcessRunner.RunAsync(
                npm,
                ["install", "--prefix", cache, "--no-audit", "--no-fund", "--no-save", $"s3rver@{Version}"],
                new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(5), WorkingDirectory = cache, Environment = NodeEnvironment() });
            if (!result.Succeeded || !File.Exists(script))
            {
                throw new InvalidOperationException($"Installing s3rver {Version} into {cache} failed:\n{result.Describe()}");
            }

            return script;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Node trusts only its own CA list unless told otherwise; the package registry may need the system's.</summary>
    private static Dictionary<string, string?> NodeEnvironment()
    {
        const string systemBundle = "/etc/ssl/certs/ca-certificates.crt";
        var environment = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NODE_EXTRA_CA_CERTS")) && File.Exists(systemBundle))
        {
            environment["NODE_EXTRA_CA_CERTS"] = systemBundle;
        }

        return environment;
    }
}
