using Microsoft.Extensions.Options;
using Registry.Api.Jobs;

namespace Registry.Api.Replication;

internal static class ReplicationSchedulerServiceCollectionExtensions
{
    /// <summary>The <c>replication-scheduler</c> fleet job: cron rules and retries, every <c>Registry:Replication:PollInterval</c>.</summary>
    public static IServiceCollection AddReplicationScheduler(this IServiceCollection services)
        => services.AddLeasedJob<ReplicationScheduler>(ReplicationScheduler.JobName, sp =>
            new JobSchedule(sp.GetRequiredService<IOptions<ReplicationSettings>>().Value.PollInterval));
}
