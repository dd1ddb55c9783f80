using Registry.Api.Jobs;
using Registry.Core.Storage;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Refreshes the <c>registry.storage.used</c> gauge from the metadata store every minute, so a scrape never waits
/// on the database. It is the <c>storage-usage</c> job in <see cref="JobScope.Node"/> scope: every node reports the
/// gauge on its own <c>/metrics</c>, so every node samples (no lease).
/// </summary>
internal sealed class StorageUsageSampler(IMetadataStore metadata, RegistryMetrics metrics) : ILeasedJob
{
    public const string JobName = "storage-usage";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public Task RunOnceAsync(CancellationToken ct) => SampleAsync(ct);

    public async Task SampleAsync(CancellationToken ct) => metrics.StorageUsed(await metadata.GetStoredBytesAsync(ct));
}
