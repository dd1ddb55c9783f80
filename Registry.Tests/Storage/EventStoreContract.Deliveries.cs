using System.Collections.Concurrent;
using Registry.Core.Events;

namespace Registry.Tests.Storage;

public sealed partial class EventStoreContract
{
    private static DeliveryAttempt Attempt(long id, string node, DeliveryStatus status, int minute, int nextMinute, int? code = null, string? error = null)
        => new(id, node, status, code, error, T(minute), T(nextMinute));

    [Theory, MetadataBackends]
    public async Task Claim_ReturnsDueDeliveriesWithWhatSendingNeeds_OldestDueFirst_UpToTheLimit(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        WebhookRecord hook = Hook("w1") with { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t" } };
        await store.CreateWebhookAsync(hook, None);
        await store.EnqueueAsync([Event("late", 3, "w1"), Event("early", 1, "w1"), Event("middle", 2, "w1"), Event("future", 30, "w1")], None);

        IReadOnlyList<ClaimedDelivery> claimed = await store.ClaimDueDeliveriesAsync("n1", T(10), TimeSpan.FromHours(1), 2, None);

        Assert.Equal(["early", "middle"], claimed.Select(c => c.EventId).Order());
        ClaimedDelivery first = claimed.Single(c => c.EventId == "early");
        Assert.Equal(("w1", 0, "{\"id\":\"early\"}", hook.Url, hook.Secret), (first.WebhookId, first.Attempts, first.Payload, first.Url, first.Secret));
        Assert.Equal("Bearer t", first.Headers["Authorization"]);
        Assert.Equal(["late"], (await store.ClaimDueDeliveriesAsync("n1", T(10), TimeSpan.FromHours(1), 10, None)).Select(c => c.EventId));
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(10), TimeSpan.FromHours(1), 10, None));
        Assert.Equal(["future"], (await store.ClaimDueDeliveriesAsync("n1", T(30), TimeSpan.FromHours(1), 10, None)).Select(c => c.EventId));
    }

    [Theory, MetadataBackends]
    public async Task Claim_IsALease_ThatAnotherNodeTakesOverOnlyOnceItLapses(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.EnqueueAsync([Event("e1", 0, "w1")], None);

        ClaimedDelivery claimed = Assert.Single(await store.ClaimDueDeliveriesAsync("n1", T(1), TimeSpan.FromMinutes(5), 10, None));
        WebhookDelivery listed = Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal(("n1", (DateTimeOffset?)T(6)), (listed.ClaimedBy, listed.ClaimedUntil));

        Assert.Empty(await store.ClaimDueDeliveriesAsync("n2", T(5), Lease, 10, None));
        ClaimedDelivery retaken = Assert.Single(await store.ClaimDueDeliveriesAsync("n2", T(6), Lease, 10, None));
        Assert.Equal(claimed.Id, retaken.Id);

        // The node whose lease lapsed cannot record over the new holder's claim.
        Assert.False(await store.RecordAttemptAsync(Attempt(claimed.Id, "n1", DeliveryStatus.Delivered, 6, 6, 200), None));
        Assert.True(await store.RecordAttemptAsync(Attempt(claimed.Id, "n2", DeliveryStatus.Delivered, 6, 6, 204), None));
        Assert.Equal((DeliveryStatus.Delivered, 1, (int?)204), Summary(Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None))));
    }

    [Theory, MetadataBackends]
    public async Task Claim_SkipsDeliveriesOfDisabledWebhooks_UntilReEnabled(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        WebhookRecord hook = Hook("w1");
        await store.CreateWebhookAsync(hook, None);
        await store.EnqueueAsync([Event("e1", 0, "w1")], None);

        await store.UpdateWebhookAsync(hook with { Enabled = false }, None);
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None));

        await store.UpdateWebhookAsync(hook with { Enabled = true, Url = "http://moved.test/" }, None);
        Assert.Equal("http://moved.test/", Assert.Single(await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None)).Url);
    }

    [Theory, MetadataBackends]
    public async Task RecordAttempt_Delivered_EndsTheDelivery(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.EnqueueAsync([Event("e1", 0, "w1")], None);
        ClaimedDelivery claimed = Assert.Single(await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None));

        Assert.True(await store.RecordAttemptAsync(Attempt(claimed.Id, "n1", DeliveryStatus.Delivered, 1, 1, 202), None));
        Assert.False(await store.RecordAttemptAsync(Attempt(claimed.Id, "n1", DeliveryStatus.Delivered, 1, 1, 202), None));

        WebhookDelivery delivery = Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal((DeliveryStatus.Delivered, 1, (int?)202), Summary(delivery));
        Assert.Equal(((DateTimeOffset?)T(1), (string?)null, (DateTimeOffset?)null, (string?)null), (delivery.DeliveredAt, delivery.ClaimedBy, delivery.ClaimedUntil, delivery.LastError));
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(100), Lease, 10, None));
    }

    [Theory, MetadataBackends]
    public async Task RecordAttempt_Failed_IsRetriedAtTheNextAttemptTime_UntilGivenUp(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.EnqueueAsync([Event("e1", 0, "w1")], None);

        ClaimedDelivery first = Assert.Single(await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None));
        Assert.True(await store.RecordAttemptAsync(Attempt(first.Id, "n1", DeliveryStatus.Pending, 1, 5, 503, "503 Service Unavailable"), None));
        WebhookDelivery waiting = Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)503), Summary(waiting));
        Assert.Equal(("503 Service Unavailable", T(5), (string?)null), (waiting.LastError, waiting.NextAttemptAt, waiting.ClaimedBy));
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(4), Lease, 10, None));

        ClaimedDelivery second = Assert.Single(await store.ClaimDueDeliveriesAsync("n2", T(5), Lease, 10, None));
        Assert.Equal(1, second.Attempts);
        Assert.True(await store.RecordAttemptAsync(Attempt(second.Id, "n2", DeliveryStatus.Failed, 5, 5, null, "connection refused"), None));

        WebhookDelivery failed = Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal((DeliveryStatus.Failed, 2, (int?)null), Summary(failed));
        Assert.Equal(("connection refused", (DateTimeOffset?)null), (failed.LastError, failed.DeliveredAt));
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(1000), Lease, 10, None));
    }

    [Theory, MetadataBackends]
    public async Task ReleaseClaims_HandsTheNodesClaimsBackAtOnce_WithoutCountingAnAttempt(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.EnqueueAsync([Event("e1", 0, "w1"), Event("e2", 0, "w1"), Event("e3", 0, "w1")], None);
        await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 2, None);
        await store.ClaimDueDeliveriesAsync("n2", T(1), Lease, 1, None);

        Assert.Equal(2, await store.ReleaseClaimsAsync("n1", None));

        IReadOnlyList<ClaimedDelivery> retaken = await store.ClaimDueDeliveriesAsync("n3", T(1), Lease, 10, None);
        Assert.Equal(2, retaken.Count);
        Assert.All(retaken, d => Assert.Equal(0, d.Attempts));
        Assert.Empty(await store.ClaimDueDeliveriesAsync("n3", T(1), Lease, 10, None));
    }

    [Theory, MetadataBackends]
    public async Task ListDeliveries_IsNewestFirst_PagedByCursor_AndFilteredByStatus(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.CreateWebhookAsync(Hook("w2"), None);
        await store.EnqueueAsync([.. Enumerable.Range(0, 5).Select(i => Event($"e{i}", i, "w1", "w2"))], None);
        ClaimedDelivery oldest = (await store.ClaimDueDeliveriesAsync("n1", T(10), Lease, 1, None))[0];
        await store.RecordAttemptAsync(Attempt(oldest.Id, "n1", DeliveryStatus.Delivered, 10, 10, 200), None);

        IReadOnlyList<WebhookDelivery> page1 = await store.ListDeliveriesAsync(new DeliveryQuery("w1", Limit: 2), None);
        IReadOnlyList<WebhookDelivery> page2 = await store.ListDeliveriesAsync(new DeliveryQuery("w1", BeforeId: page1[^1].Id, Limit: 2), None);
        IReadOnlyList<WebhookDelivery> page3 = await store.ListDeliveriesAsync(new DeliveryQuery("w1", BeforeId: page2[^1].Id, Limit: 2), None);

        Assert.Equal(["e4", "e3", "e2", "e1", "e0"], page1.Concat(page2).Concat(page3).Select(d => d.EventId));
        Assert.All(page1.Concat(page2).Concat(page3), d => Assert.Equal("w1", d.WebhookId));
        Assert.Equal(["e0"], (await store.ListDeliveriesAsync(new DeliveryQuery(oldest.WebhookId, DeliveryStatus.Delivered), None)).Select(d => d.EventId));
        Assert.Equal(4, (await store.ListDeliveriesAsync(new DeliveryQuery(oldest.WebhookId, DeliveryStatus.Pending), None)).Count);
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("w1", DeliveryStatus.Failed), None));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("nobody"), None));
    }

    [Theory, MetadataBackends]
    public async Task Prune_RemovesEndedDeliveriesBeforeTheCutoff_AndEventsLeftWithoutDeliveries(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.EnqueueAsync([Event("old-done", 0, "w1"), Event("old-pending", 1, "w1"), Event("new-done", 20, "w1"), Event("old-unmatched", 0)], None);
        foreach (ClaimedDelivery claimed in await store.ClaimDueDeliveriesAsync("n1", T(30), Lease, 10, None))
        {
            DeliveryStatus status = claimed.EventId == "old-pending" ? DeliveryStatus.Pending : DeliveryStatus.Delivered;
            await store.RecordAttemptAsync(Attempt(claimed.Id, "n1", status, 30, 30, 200), None);
        }

        Assert.Equal(1, await store.PruneAsync(T(10), None));

        Assert.Equal(["new-done", "old-pending"], (await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None)).Select(d => d.EventId));
        Assert.Equal(0, await store.PruneAsync(T(10), None));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentClaims_FromTwoNodes_NeverReturnTheSameDelivery(MetadataBackend backend)
    {
        IEventStore[] nodes = await CreateNodesAsync(backend, 2);
        await nodes[0].CreateWebhookAsync(Hook("w1"), None);
        await nodes[0].CreateWebhookAsync(Hook("w2"), None);
        const int events = 150;
        for (int batch = 0; batch < events; batch += 50)
        {
            await nodes[batch / 50 % 2].EnqueueAsync([.. Enumerable.Range(batch, 50).Select(i => Event($"e{i}", 0, "w1", "w2"))], None);
        }

        var seen = new ConcurrentBag<(long Id, string Node)>();
        async Task ClaimUntilEmptyAsync(IEventStore store, string node)
        {
            while (true)
            {
                IReadOnlyList<ClaimedDelivery> claimed = await store.ClaimDueDeliveriesAsync(node, T(1), Lease, 7, None);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (ClaimedDelivery delivery in claimed)
                {
                    seen.Add((delivery.Id, node));
                    Assert.True(await store.RecordAttemptAsync(Attempt(delivery.Id, node, DeliveryStatus.Delivered, 1, 1, 200), None));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ClaimUntilEmptyAsync(nodes[i % 2], $"n{i}"))));

        Assert.Equal(events * 2, seen.Count);
        Assert.Equal(events * 2, seen.Select(s => s.Id).Distinct().Count());
        Assert.Empty(await nodes[1].ClaimDueDeliveriesAsync("late", T(100), Lease, 10, None));
    }

    private static (DeliveryStatus Status, int Attempts, int? Code) Summary(WebhookDelivery delivery)
        => (delivery.Status, delivery.Attempts, delivery.LastStatusCode);
}
