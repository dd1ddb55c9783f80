using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Settings;

namespace Registry.Api.Gc;

internal static class GcServiceCollectionExtensions
{
    /// <summary>Garbage collection: its settings, the blob pins, the collector and the <c>gc</c> leased job.</summary>
    public static IServiceCollection AddGarbageCollection(this IServiceCollection services)
    {
        services.AddSettings<GcSettings, GcSettingsValidator>(GcSettings.SectionName);
        services.AddSingleton<BlobPins>();
        services.AddSingleton<Core.Gc.IBlobWritePins>(sp => sp.GetRequiredService<BlobPins>());
        services.AddSingleton<GarbageCollector>();
        services.AddLeasedJob<GcWorker>(GcWorker.JobName, sp =>
        {
            GcSettings settings = sp.GetRequiredService<IOptions<GcSettings>>().Value;
            return new JobSchedule(settings.Interval, settings.Enabled);
        });
        return services;
    }
}
