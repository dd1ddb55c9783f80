using System.Security.Cryptography;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A blob download that breaks mid-blob resumes where it stopped: curl is killed after some megabytes arrived, then
/// <c>curl -C -</c> asks for the rest with <c>Range</c>, gets 206 and the file it completes hashes to the digest.
/// (A Range from an offset answering exactly those bytes is covered by BlobTests and LargeBlobUploadTests.)
/// </summary>
[Collection(OciCurlCollection.Name)]
public sealed class InterruptedPullResumeTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-resume-")
{
    private const long BlobSize = 64L * 1024 * 1024;
    private const long KillAfter = 8L * 1024 * 1024;
    private const ulong Seed = 21;
    private const string Repository = "e2e/resume";

    [EndToEndFact]
    public async Task ABlobDownload_KilledMidBlob_ResumesWithRange_AndTheFileHashesToTheDigest()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        string digest = await PushBlobAsync(ct);
        string curl = ExternalTool.Require("curl", "curl");
        string file = Work.Combine("blob");
        string url = $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/v2/{Repository}/blobs/{digest}";
        string[] common = ["--silent", "--show-error", "--noproxy", "*", "-u", $"admin:{Registry.AdminPassword}", "--output", file];

        // Slowed down so that it is still downloading when killed.
        using (var kill = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            Task<ProcessResult> first = ProcessRunner.RunAsync(curl, [.. common, "--limit-rate", "4M", url], cancellationToken: kill.Token);
            while (!first.IsCompleted && (!File.Exists(file) || new FileInfo(file).Length < KillAfter))
            {
                await Task.Delay(20, ct);
            }

            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        long interruptedAt = new FileInfo(file).Length;
        Output.WriteLine($"curl killed after {interruptedAt} of {BlobSize} bytes");
        Assert.InRange(interruptedAt, KillAfter, BlobSize - 1);

        ProcessResult resumed = (await ProcessRunner.RunAsync(curl, [.. common, "--continue-at", "-", "--write-out", "%{http_code}", url], cancellationToken: ct)).EnsureSuccess();

        Assert.Equal("206", resumed.StandardOutput.Trim());
        Assert.Equal(BlobSize, new FileInfo(file).Length);
        await using FileStream downloaded = File.OpenRead(file);
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(downloaded, ct)));
    }

    private async Task<string> PushBlobAsync(CancellationToken ct)
    {
        string digest = PseudoRandomStream.ComputeDigest(BlobSize, Seed);
        using HttpClient http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        var uploads = new BlobUploadClient(http);
        Uri location = await uploads.StartAsync(Repository, ct);
        using var blob = new PseudoRandomStream(BlobSize, Seed);
        Assert.Equal(digest, await uploads.CompleteAsync(location, digest, blob, BlobSize, ct));
        return digest;
    }
}
