using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Api.Management.Access;
using System.Globalization;
using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Events;

namespace Registry.Api.Management;

/// <summary>
/// Webhooks, for global admins: create, list, read, change, delete (each audited), their deliveries for the console,
/// and a test that sends a <c>ping</c> event at once. Secrets are write-only; header values are never shown.
/// </summary>
internal static class WebhookEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", ListAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapPost("/webhooks", CreateAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapGet("/webhooks/{id}", GetAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapPatch("/webhooks/{id}", UpdateAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapDelete("/webhooks/{id}", DeleteAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapGet("/webhooks/{id}/deliveries", ListDeliveriesAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapPost("/webhooks/{id}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        api.MapPost("/webhooks/{id}/test", TestAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "webhooks need the global admin role");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        IReadOnlyList<WebhookRecord> all = await webhooks.Store.ListWebhooksAsync(context.RequestAborted);
        return TypedResults.Ok(all.Select(WebhookModel.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        WebhookRecord? webhook = await webhooks.Store.GetWebhookAsync(id, context.RequestAborted);
        return webhook is null ? NotFound(id) : TypedResults.Ok(WebhookModel.From(webhook));
    }

    private static async Task<IResult> CreateAsync(WebhookRequest request, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        DateTimeOffset now = services.Time.GetUtcNow();
        var blank = new WebhookRecord(Guid.NewGuid().ToString("N"), string.Empty, string.Empty, string.Empty, new Dictionary<string, string>(),
            WebhookFilter.Everything, true, context.GetCaller().Subject, now, now);
        if (!WebhookRequests.TryApply(request, blank, creating: true, out WebhookRecord? webhook, out InputProblem? problem))
        {
            return ManagementCaller.BadRequest(problem);
        }

        return await Changes(context).CreateAsync(context.GetActor(), ManagementCaller.From(context).Permissions, webhook, context.RequestAborted) switch
        {
            WebhookChangeStatus.Done => TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", WebhookModel.From(webhook)),
            WebhookChangeStatus.Denied => ManagementCaller.Denied(WebhookService.DeniedMessage),
            _ => ManagementCaller.Conflict($"a webhook named '{webhook.Name}' exists already"),
        };
    }

    private static async Task<IResult> UpdateAsync(string id, WebhookRequest request, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        WebhookRecord? current = await webhooks.Store.GetWebhookAsync(id, context.RequestAborted);
        if (current is null)
        {
            return NotFound(id);
        }

        if (!WebhookRequests.TryApply(request, current with { UpdatedAt = services.Time.GetUtcNow() }, creating: false, out WebhookRecord? webhook, out InputProblem? problem))
        {
            return ManagementCaller.BadRequest(problem);
        }

        return await Changes(context).UpdateAsync(context.GetActor(), ManagementCaller.From(context).Permissions, webhook, request.Secret is not null, context.RequestAborted) switch
        {
            WebhookChangeStatus.Done => TypedResults.Ok(WebhookModel.From(webhook)),
            WebhookChangeStatus.NotFound => NotFound(id),
            WebhookChangeStatus.Denied => ManagementCaller.Denied(WebhookService.DeniedMessage),
            _ => ManagementCaller.Conflict($"a webhook named '{webhook.Name}' exists already"),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        (WebhookChangeStatus status, _) = await Changes(context).DeleteAsync(context.GetActor(), ManagementCaller.From(context).Permissions, id, context.RequestAborted);
        return status switch
        {
            WebhookChangeStatus.Done => TypedResults.NoContent(),
            WebhookChangeStatus.Denied => ManagementCaller.Denied(WebhookService.DeniedMessage),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> ListDeliveriesAsync(string id, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        IQueryCollection q = context.Request.Query;
        int limit = DefaultPageSize;
        if (q["limit"].Count > 0 && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            return ManagementCaller.BadRequest("limit", $"limit is a number from 1 to {MaxPageSize}");
        }

        long? before = null;
        if (q["before"].Count > 0)
        {
            if (!long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out long cursor))
            {
                return ManagementCaller.BadRequest("before", "before is the next cursor of a previous page");
            }

            before = cursor;
        }

        DeliveryStatus? status = null;
        if (q["status"].Count > 0)
        {
            status = q["status"].ToString() switch
            {
                "pending" => DeliveryStatus.Pending,
                "delivered" => DeliveryStatus.Delivered,
                "failed" => DeliveryStatus.Failed,
                _ => null,
            };
            if (status is null)
            {
                return ManagementCaller.BadRequest("status", "status is pending, delivered or failed");
            }
        }

        if (await webhooks.Store.GetWebhookAsync(id, context.RequestAborted) is null)
        {
            return NotFound(id);
        }

        // What this node queued so far is listed too.
        await webhooks.Queue.FlushAsync(context.RequestAborted);
        IReadOnlyList<WebhookDelivery> deliveries = await webhooks.Store.ListDeliveriesAsync(new DeliveryQuery(id, status, before, limit), context.RequestAborted);
        long? next = deliveries.Count == limit ? deliveries[^1].Id : null;
        return TypedResults.Ok(new WebhookDeliveryPage([.. deliveries.Select(WebhookDeliveryModel.From)], next));
    }

    /// <summary>Queues the delivery's event again (202 with the new delivery); 409 while it is still pending.</summary>
    private static async Task<IResult> RedeliverAsync(string id, long deliveryId, HttpContext context, WebhookServices webhooks)
    {
        RedeliveryResult result = await Changes(context).RedeliverAsync(context.GetActor(), ManagementCaller.From(context).Permissions, id, deliveryId, context.RequestAborted);
        switch (result.Status)
        {
            case RedeliveryStatus.Queued when await webhooks.Store.GetDeliveryAsync(id, result.DeliveryId!.Value, context.RequestAborted) is { } queued:
                return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries?before={queued.Id + 1}", WebhookDeliveryModel.From(queued));
            case RedeliveryStatus.Queued:
                return TypedResults.Accepted((string?)null);
            case RedeliveryStatus.StillPending:
                return ManagementCaller.Conflict($"delivery {deliveryId} is still pending: it is being attempted already");
            case RedeliveryStatus.Denied:
                return ManagementCaller.Denied(WebhookService.DeniedMessage);
            default:
                return ManagementCaller.NotFound($"no delivery {deliveryId} of webhook '{id}'");
        }
    }

    private static async Task<IResult> TestAsync(string id, HttpContext context, ManagementServices services, WebhookServices webhooks)
    {
        WebhookRecord? webhook = await webhooks.Store.GetWebhookAsync(id, context.RequestAborted);
        if (webhook is null)
        {
            return NotFound(id);
        }

        RegistryEvent ping = webhooks.Publisher.Ping(context);
        byte[] body = EventEnvelope.Wrap([EventEnvelope.Serialize(ping)]);
        Events.WebhookSendResult result = await webhooks.Sender.SendAsync(webhook.Url, webhook.Secret, webhook.Headers, body, ping.Id, "test", 1, context.RequestAborted);
        services.Audit.Record(context, "webhook.test", webhook.Name, result.Delivered ? $"delivered ({result.StatusCode})" : result.Error, result.Delivered);
        return TypedResults.Ok(new WebhookTestResult(ping.Id, result.Delivered, result.StatusCode, result.Error));
    }

    private static IResult NotFound(string id) => ManagementCaller.NotFound($"no webhook '{id}'");

    private static WebhookService Changes(HttpContext context) => context.RequestServices.GetRequiredService<WebhookService>();
}
