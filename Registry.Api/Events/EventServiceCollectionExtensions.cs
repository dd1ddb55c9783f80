namespace Registry.Api.Events;

internal static class EventServiceCollectionExtensions
{
    /// <summary>
    /// Events and webhooks: the publisher the handlers call, the queue that stores events in batches, the webhook
    /// cache and its refresher, the delivery worker and the pruner (each node runs them all).
    /// </summary>
    public static IServiceCollection AddRegistryEvents(this IServiceCollection services)
    {
        services.AddSingleton<WebhookDirectory>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddSingleton<Management.WebhookServices>();

        // Started in this order and stopped in reverse: the queue is drained after the worker stopped claiming.
        services.AddHostedService<WebhookRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        services.AddHostedService<EventPruner>();
        return services;
    }
}
