using Registry.Api.Settings;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

internal static class ReplicationServiceCollectionExtensions
{
    /// <summary>Replication rules between registries and their runs (see docs/replication.md).</summary>
    public static IServiceCollection AddReplication(this IServiceCollection services)
    {
        services.AddSettings<ReplicationSettings, ReplicationSettingsValidator>(ReplicationSettings.SectionName)
            .Validate(s => s.RetryMaxDelay >= s.RetryFirstDelay, "Registry:Replication:RetryMaxDelay must be at least Registry:Replication:RetryFirstDelay");
        services.AddSingleton<IScheduleCheck, QuartzScheduleCheck>();
        services.AddSingleton<ReplicationService>();
        services.AddSingleton<IReplicationTargets, HttpReplicationTargets>();
        services.AddSingleton<IReplicationSources, HttpReplicationSources>();
        services.AddSingleton<ReplicationPullRunner>();
        services.AddSingleton<ReplicationRunner>();
        services.AddSingleton<ReplicationRuns>();
        services.AddSingleton<ReplicationPushQueue>();
        services.AddSingleton<Core.Changes.IChangeListener, ReplicationPushListener>();
        services.AddHostedService<ReplicationPushWorker>();
        services.AddReplicationScheduler();
        services.AddSingleton<ReplicationDeleteQueue>();
        services.AddSingleton<Core.Changes.IChangeListener, ReplicationDeleteListener>();
        services.AddHostedService<ReplicationDeleteWorker>();
        return services;
    }
}
