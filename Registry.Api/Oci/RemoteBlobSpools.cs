using Microsoft.Extensions.Options;
using Registry.Api.Http;
using Registry.Api.Settings;

namespace Registry.Api.Oci;

/// <summary>
/// Where this node spools blobs a docker remote is downloading: <c>&lt;Registry:Storage:Path&gt;/temp/remote-blobs</c>,
/// one file per download (<see cref="SpoolDirectory"/>: named afresh, deleted by the download when it ends, stale ones
/// swept).
/// </summary>
internal sealed class RemoteBlobSpools(IOptions<StorageSettings> storage, TimeProvider time, ILogger<RemoteBlobSpools> logger)
{
    public static readonly TimeSpan StaleAfter = SpoolDirectory.StaleAfter;

    public static readonly TimeSpan SweepEvery = SpoolDirectory.SweepEvery;

    private readonly SpoolDirectory spools = new(storage.Value.Path, "remote-blobs", ".spool", time, logger);

    public string Root => spools.Root;

    /// <summary>A path for a new spool file (the directory exists).</summary>
    public string NewPath() => spools.NewPath();

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/>; returns how many.</summary>
    public int Sweep(DateTimeOffset olderThan) => spools.Sweep(olderThan);
}
