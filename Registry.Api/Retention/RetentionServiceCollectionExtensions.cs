using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Settings;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The policy runner (on demand, through the API) and the scheduler that runs policies on their cron schedules.</summary>
    public static IServiceCollection AddRegistryRetention(this IServiceCollection services)
    {
        services.AddSettings<RetentionSettings, RetentionSettingsValidator>(RetentionSettings.SectionName);
        services.AddSingleton<RetentionRunner>();
        services.AddSingleton<RetentionRuns>();
        services.AddSingleton<ArtifactRetentionScheduler>();
        services.AddLeasedJob<RetentionScheduler>(RetentionScheduler.JobName, sp =>
        {
            RetentionSettings settings = sp.GetRequiredService<IOptions<RetentionSettings>>().Value;
            return new JobSchedule(settings.PollInterval, settings.Enabled);
        });
        return services;
    }
}
