using Registry.Core.Retention;

namespace Registry.Api.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The policy runner (on demand, through the API) and the scheduler that runs policies on their cron schedules.</summary>
    public static IServiceCollection AddRegistryRetention(this IServiceCollection services)
    {
        services.AddSingleton<RetentionRunner>();
        services.AddSingleton<RetentionRuns>();
        services.AddSingleton<RetentionScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionScheduler>());
        return services;
    }
}
