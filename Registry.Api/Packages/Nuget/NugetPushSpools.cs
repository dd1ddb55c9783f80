using System.IO.Pipelines;
using Microsoft.Extensions.Options;
using Registry.Api.Artifacts;
using Registry.Api.Settings;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Where a push holds its <c>.nupkg</c> while it is checked, before anything reaches the blob store:
/// <c>&lt;Registry:Storage:Path&gt;/temp/nuget-push</c>, one file per push, named afresh and deleted when the push
/// ends, whatever the outcome. Files a crashed process left are removed by a sweep of files untouched for
/// <see cref="StaleAfter"/>, run when a push starts at most every <see cref="SweepEvery"/>.
/// </summary>
internal sealed partial class NugetPushSpools(IOptions<StorageSettings> storage, TimeProvider time, ILogger<NugetPushSpools> logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private DateTimeOffset? lastSweep;

    public string Root { get; } = Path.Combine(Path.GetFullPath(storage.Value.Path), "temp", "nuget-push");

    /// <summary>
    /// Copies <paramref name="body"/> into a new spool file while hashing it; null (and the file already gone) when it
    /// is larger than <see cref="NupkgReader.MaxPackageBytes"/>. Reading errors of the body propagate, the file deleted.
    /// </summary>
    public async ValueTask<NugetSpooledPackage?> SpoolAsync(Stream body, CancellationToken ct)
    {
        var file = new FileStream(NewPath(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            PipeReader pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
            using var hashing = new HashingPipeReader(pipe);
            while (true)
            {
                ReadResult read = await hashing.ReadAsync(ct);
                if (hashing.Length + read.Buffer.Length > NupkgReader.MaxPackageBytes)
                {
                    await file.DisposeAsync();
                    return null;
                }

                foreach (ReadOnlyMemory<byte> segment in read.Buffer)
                {
                    await file.WriteAsync(segment, ct);
                }

                hashing.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            await pipe.CompleteAsync();
            await file.FlushAsync(ct);
            file.Position = 0;
            return new NugetSpooledPackage(file, hashing.Finish());
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/>; returns how many.</summary>
    public int Sweep(DateTimeOffset olderThan)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(Root, "*.nupkg"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < olderThan.UtcDateTime)
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (IOException)
            {
                // gone or in use: the next sweep looks again
            }
        }

        if (removed > 0)
        {
            LogSwept(logger, removed, Root);
        }

        return removed;
    }

    private string NewPath()
    {
        DateTimeOffset now = time.GetUtcNow();
        bool sweep;
        lock (gate)
        {
            sweep = lastSweep is not { } last || now - last >= SweepEvery;
            if (sweep)
            {
                lastSweep = now;
            }
        }

        Directory.CreateDirectory(Root);
        if (sweep)
        {
            Sweep(now - StaleAfter);
        }

        return Path.Combine(Root, Guid.NewGuid().ToString("N") + ".nupkg");
    }

    [LoggerMessage(EventId = 9140, Level = LogLevel.Information, Message = "Removed {Count} stale NuGet push spool files from {Root}")]
    private static partial void LogSwept(ILogger logger, int count, string root);
}

/// <summary>A pushed package spooled to a temporary file (deleted when this is disposed) and its checksums.</summary>
internal sealed class NugetSpooledPackage(FileStream file, ArtifactChecksums checksums) : IAsyncDisposable
{
    public ArtifactChecksums Checksums => checksums;

    /// <summary>The spooled bytes from their start (each call rewinds: one reader at a time).</summary>
    public Stream Rewound()
    {
        file.Position = 0;
        return file;
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
