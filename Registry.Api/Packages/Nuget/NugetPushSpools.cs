using System.IO.Pipelines;
using Microsoft.Extensions.Options;
using Registry.Api.Artifacts;
using Registry.Api.Http;
using Registry.Api.Settings;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Where a push holds its <c>.nupkg</c> while it is checked, before anything reaches the blob store:
/// <c>&lt;Registry:Storage:Path&gt;/temp/nuget-push</c>, one file per push, named afresh and deleted when the push
/// ends, whatever the outcome; stale files a crashed process left are swept (<see cref="SpoolDirectory"/>).
/// </summary>
internal sealed class NugetPushSpools(IOptions<StorageSettings> storage, TimeProvider time, ILogger<NugetPushSpools> logger)
{
    public static readonly TimeSpan StaleAfter = SpoolDirectory.StaleAfter;

    public static readonly TimeSpan SweepEvery = SpoolDirectory.SweepEvery;

    private readonly SpoolDirectory spools = new(storage.Value.Path, "nuget-push", ".nupkg", time, logger);

    public string Root => spools.Root;

    /// <summary>
    /// Copies <paramref name="body"/> into a new spool file while hashing it; null (and the file already gone) when it
    /// is larger than <see cref="NupkgReader.MaxPackageBytes"/>. Reading errors of the body propagate, the file deleted.
    /// </summary>
    public async ValueTask<NugetSpooledPackage?> SpoolAsync(Stream body, CancellationToken ct)
    {
        FileStream file = spools.Create();
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
    public int Sweep(DateTimeOffset olderThan) => spools.Sweep(olderThan);
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
