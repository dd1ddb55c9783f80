using Microsoft.Extensions.Options;
using Registry.Api.Settings;

namespace Registry.Api.Oci;

/// <summary>
/// Where this node spools blobs a docker remote is downloading: <c>&lt;Registry:Storage:Path&gt;/temp/remote-blobs</c>,
/// one file per download, named afresh. A download deletes its file when it ends; files a crashed process left are
/// removed by a sweep of files untouched for <see cref="StaleAfter"/>, run when a download starts at most every
/// <see cref="SweepEvery"/> (the first download after a restart sweeps).
/// </summary>
internal sealed partial class RemoteBlobSpools(IOptions<StorageSettings> storage, TimeProvider time, ILogger<RemoteBlobSpools> logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    private readonly object gate = new();
    private DateTimeOffset? lastSweep;

    public string Root { get; } = Path.Combine(Path.GetFullPath(storage.Value.Path), "temp", "remote-blobs");

    /// <summary>A path for a new spool file (the directory exists).</summary>
    public string NewPath()
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

        return Path.Combine(Root, Guid.NewGuid().ToString("N") + ".spool");
    }

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/>; returns how many.</summary>
    public int Sweep(DateTimeOffset olderThan)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(Root, "*.spool"))
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

    [LoggerMessage(EventId = 9115, Level = LogLevel.Information, Message = "Removed {Count} stale remote blob spool files from {Root}")]
    private static partial void LogSwept(ILogger logger, int count, string root);
}
