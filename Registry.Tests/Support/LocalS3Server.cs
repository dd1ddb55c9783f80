using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Registry.Storage.Blobs.S3;

namespace Registry.Tests.Support;

/// <summary>
/// An S3-compatible server run as a child process on 127.0.0.1 and a free port, for a test process or a test: each caller of
/// <see cref="CreateBucketAsync"/> gets a fresh bucket. Stopped (with its children) on dispose.
/// </summary>
public abstract class LocalS3Server : IAsyncLifetime
{
    private readonly TempDirectory _directory = TempDirectory.Create("s3srv-");
    private readonly OutputLog _log = new(200);
    private Process? _process;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>True when the server can list and abort multipart uploads and copy parts (s3rver cannot).</summary>
    public abstract bool SupportsMultipartManagement { get; }

    public abstract string AccessKey { get; }

    public abstract string SecretKey { get; }

    protected string DataDirectory => _directory.Path;

    public async Task InitializeAsync()
    {
        int port = FreePort();
        ProcessStartInfo start = await CreateStartInfoAsync(port);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        _process.OutputDataReceived += (_, e) => _log.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _log.Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ServiceUrl = $"http://127.0.0.1:{port}";
        await WaitForPortAsync(port);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops a server kept for the whole test process, at its exit: kills it (the server is the started process
    /// itself; walking the process tree would take longer than vstest waits) and leaves its directory to
    /// <see cref="ExitCleanup"/>.
    /// </summary>
    public void StopAtExit()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
        }

        ExitCleanup.RemoveDirectoryLater(_directory.Path);
    }

    /// <summary>Options for a store over a new, empty bucket (prefix "registry").</summary>
    public async Task<S3BlobStoreOptions> CreateBucketAsync()
    {
        string bucket = "t" + Guid.NewGuid().ToString("N")[..20];
        using AmazonS3Client client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3BlobStoreOptions
        {
            ServiceUrl = ServiceUrl,
            Region = "us-east-1",
            Bucket = bucket,
            Prefix = "registry",
            ForcePathStyle = true,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
        };
    }

    /// <summary>A client of its own, for tests that look at the bucket directly.</summary>
    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    protected abstract Task<ProcessStartInfo> CreateStartInfoAsync(int port);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before listening:\n{_log.Tail(50)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{_process!.StartInfo.FileName} did not listen on port {port} within 60 s:\n{_log.Tail(50)}");
    }
}
