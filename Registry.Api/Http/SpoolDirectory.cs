namespace Registry.Api.Http;

/// <summary>
/// A folder of temporary spool files under <c>&lt;Registry:Storage:Path&gt;/temp/&lt;name&gt;</c>: a docker remote's
/// downloads, npm publish bodies, NuGet pushes being checked. Each file is named afresh and deleted by its user when
/// done (<see cref="Create"/> opens it delete-on-close); files a crashed process left are removed by a sweep of files
/// untouched for <see cref="StaleAfter"/>, run when a file is made at most every <see cref="SweepEvery"/> (the first
/// file after a restart sweeps).
/// </summary>
internal sealed partial class SpoolDirectory(string storagePath, string name, string extension, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private DateTimeOffset? lastSweep;

    public string Root { get; } = Path.Combine(Path.GetFullPath(storagePath), "temp", name);

    /// <summary>A path for a new spool file (the directory exists), sweeping stale files first when one is due.</summary>
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

        return Path.Combine(Root, Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>A new spool file for reading and writing, deleted when it is closed, whatever the outcome.</summary>
    public FileStream Create() => new(NewPath(), new FileStreamOptions
    {
        Mode = FileMode.CreateNew,
        Access = FileAccess.ReadWrite,
        Share = FileShare.None,
        BufferSize = 0,
        Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
    });

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/>; returns how many.</summary>
    public int Sweep(DateTimeOffset olderThan)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(Root, "*" + extension))
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

    [LoggerMessage(EventId = 9115, Level = LogLevel.Information, Message = "Removed {Count} stale spool files from {Root}")]
    private static partial void LogSwept(ILogger logger, int count, string root);
}
