using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Settings;

namespace Registry.Api.Events;

internal static class EventServiceCollectionExtensions
{
    /// <summary>
    /// Events and webhooks: the publisher the handlers call, the queue that stores events in batches, the webhook
    /// cache and its refresher, the delivery worker (each node runs these) and the pruner (a fleet job: one node at a time).
    /// </summary>
    public static IServiceCollection AddRegistryEvents(this IServiceCollection services)
    {
        services.AddSettings<WebhookSettings, WebhookSettingsValidator>(WebhookSettings.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSettings>, WebhookSettingsValidation>());
        services.AddSingleton<WebhookDirectory>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryWorker>();

        // Started in this order and stopped in reverse: the queue is drained after the worker stopped claiming.
        services.AddHostedService<WebhookRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        services.AddLeasedJob<EventPruner>(EventPruner.JobName, _ => new JobSchedule(EventPruner.Interval));
        return services;
    }
}
