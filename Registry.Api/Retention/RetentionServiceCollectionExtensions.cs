using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Settings;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// The one retention engine with its two kinds (image policies, artifact repositories' policies), the run locks
    /// (leases) and schedules it uses, the one scheduler job that runs due policies of both kinds, and the job evicting what docker remotes cached and nobody used.
    /// </summary>
    public static IServiceCollection AddRegistryRetention(this IServiceCollection services)
    {
        services.AddSettings<RetentionSettings, RetentionSettingsValidator>(RetentionSettings.SectionName);
        services.AddJobLeases();
        services.AddSingleton<IRetentionRunLocks, LeasedRetentionRunLocks>();
        services.AddSingleton<IRetentionSchedule, QuartzRetentionSchedule>();
        services.AddSingleton<RetentionEngine>();
        services.AddSingleton<RetentionRunner>();
        services.AddSingleton<RetentionRuns>();
        services.AddSingleton<Artifacts.ArtifactRetentionKind>();
        services.AddSingleton<Artifacts.ArtifactRetentionRuns>();
        services.AddLeasedJob<RetentionScheduler>(RetentionScheduler.JobName, sp =>
        {
            RetentionSettings settings = sp.GetRequiredService<IOptions<RetentionSettings>>().Value;
            return new JobSchedule(settings.PollInterval, settings.Enabled);
        });
        services.AddSingleton<Core.Artifacts.RemoteCacheEviction>();
        services.AddLeasedJob<RemoteCacheEvictionJob>(RemoteCacheEvictionJob.JobName, _ => new JobSchedule(RemoteCacheEvictionJob.Interval));
        return services;
    }
}
