using Registry.Core.Replication;

namespace Registry.Api.Replication;

internal static class ReplicationServiceCollectionExtensions
{
    /// <summary>Replication rules between registries (see docs/replication.md).</summary>
    public static IServiceCollection AddReplication(this IServiceCollection services)
    {
        services.AddSingleton<IScheduleCheck, QuartzScheduleCheck>();
        services.AddSingleton<ReplicationService>();
        return services;
    }
}
