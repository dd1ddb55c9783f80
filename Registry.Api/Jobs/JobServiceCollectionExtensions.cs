using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Registry.Api.Jobs;

internal static class JobServiceCollectionExtensions
{
    /// <summary>The lease machinery and <c>Registry:Jobs</c> settings (validated at start); idempotent.</summary>
    public static IServiceCollection AddJobLeases(this IServiceCollection services)
    {
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton<JobLeases>();
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<JobSettings>)))
        {
            services.AddOptions<JobSettings>().BindConfiguration(JobSettings.SectionName).ValidateOnStart();
            services.AddSingleton<IValidateOptions<JobSettings>, JobSettingsValidation>();
        }

        return services;
    }

    /// <summary>
    /// Runs <typeparamref name="TJob"/> every interval on the one node holding the lease <paramref name="name"/>
    /// (<see cref="JobScope.Fleet"/>) or on every node (<see cref="JobScope.Node"/>). The job is a singleton, so
    /// tests and endpoints can call it directly too.
    /// </summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, JobSchedule> schedule, JobScope scope = JobScope.Fleet)
        where TJob : class, ILeasedJob
    {
        services.AddJobLeases();
        services.TryAddSingleton<TJob>();
        var definition = new JobDefinition(name, scope);
        services.AddSingleton<IHostedService>(sp => new LeasedJobRunner(
            definition,
            sp.GetRequiredService<TJob>(),
            schedule(sp),
            sp.GetRequiredService<JobLeases>(),
            sp.GetRequiredService<NodeIdentity>(),
            sp.GetRequiredService<IOptions<JobSettings>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LeasedJobRunner>>()));
        return services;
    }
}
