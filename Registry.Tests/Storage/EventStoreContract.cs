using Registry.Core.Events;

namespace Registry.Tests.Storage;

/// <summary>
/// What every event store must do (webhooks, the events they are sent, the delivery queue), written once; every
/// test runs on each <see cref="MetadataBackend"/>. Webhooks and enqueueing are here; claims, attempts and listings in
/// <c>EventStoreContract.Deliveries.cs</c>.
/// </summary>
public sealed partial class EventStoreContract : BackendContract<IEventStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>A time in whole milliseconds, as the stores keep them.</summary>
    internal static DateTimeOffset T(int minutes) => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    private static WebhookRecord Hook(string id, string? name = null, bool enabled = true, WebhookFilter? filter = null)
        => new(id, name ?? "hook-" + id, $"http://receiver.test/{id}", "secret-" + id, new Dictionary<string, string>(),
            filter ?? WebhookFilter.Everything, enabled, "admin", T(0), T(0));

    private static QueuedEvent Event(string id, int minute, params string[] webhookIds)
        => new(id, T(minute), EventActions.Push, "team/app", $"{{\"id\":\"{id}\"}}", webhookIds);

    private static void AssertSameWebhook(WebhookRecord expected, WebhookRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Id, expected.Name, expected.Url, expected.Secret, expected.Enabled, expected.CreatedBy, expected.CreatedAt, expected.UpdatedAt),
            (actual.Id, actual.Name, actual.Url, actual.Secret, actual.Enabled, actual.CreatedBy, actual.CreatedAt, actual.UpdatedAt));
        Assert.Equal(expected.Headers.OrderBy(h => h.Key), actual.Headers.OrderBy(h => h.Key));
        Assert.Equal(expected.Filter.Namespaces, actual.Filter.Namespaces);
        Assert.Equal(expected.Filter.Repositories, actual.Filter.Repositories);
        Assert.Equal(expected.Filter.RepositoryPattern, actual.Filter.RepositoryPattern);
        Assert.Equal(expected.Filter.Actions, actual.Filter.Actions);
    }

    [Theory, MetadataBackends]
    public async Task CreateWebhook_ThenGetAndList_RoundTripsEveryField(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        var full = new WebhookRecord("w1", "ci-listener", "https://ci.example.com/hook?x=1", "s3cr3t \"quoted\"",
            new Dictionary<string, string> { ["Authorization"] = "Bearer abc", ["X-Team"] = "platform" },
            new WebhookFilter(["team", "base"], ["other/app"], "^release/.+$", [EventActions.Push, EventActions.Delete]),
            false, "alice", T(1), T(2));
        WebhookRecord plain = Hook("w2", "a-first");

        Assert.Equal(WebhookWriteResult.Written, await store.CreateWebhookAsync(full, None));
        Assert.Equal(WebhookWriteResult.Written, await store.CreateWebhookAsync(plain, None));

        AssertSameWebhook(full, await store.GetWebhookAsync("w1", None));
        AssertSameWebhook(plain, await store.GetWebhookAsync("w2", None));
        Assert.Null(await store.GetWebhookAsync("w3", None));
        Assert.Equal(["a-first", "ci-listener"], (await store.ListWebhooksAsync(None)).Select(w => w.Name));
    }

    [Theory, MetadataBackends]
    public async Task CreateWebhook_WithTakenNameOrId_ReturnsNameTaken_AndKeepsTheFirst(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1", "hook"), None);

        Assert.Equal(WebhookWriteResult.NameTaken, await store.CreateWebhookAsync(Hook("w2", "hook"), None));
        Assert.Equal(WebhookWriteResult.NameTaken, await store.CreateWebhookAsync(Hook("w1", "other"), None));

        Assert.Equal(["hook"], (await store.ListWebhooksAsync(None)).Select(w => w.Name));
        Assert.Equal("http://receiver.test/w1", (await store.GetWebhookAsync("w1", None))!.Url);
    }

    [Theory, MetadataBackends]
    public async Task UpdateWebhook_ReplacesEverythingButIdentityAndCreation(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        WebhookRecord original = Hook("w1", "hook");
        await store.CreateWebhookAsync(original, None);
        WebhookRecord changed = original with
        {
            Name = "renamed",
            Url = "https://elsewhere.test/",
            Secret = "new-secret",
            Headers = new Dictionary<string, string> { ["X-A"] = "b" },
            Filter = new WebhookFilter([], ["team/app"], null, [EventActions.Pull]),
            Enabled = false,
            CreatedBy = "mallory",
            CreatedAt = T(50),
            UpdatedAt = T(5),
        };

        Assert.Equal(WebhookWriteResult.Written, await store.UpdateWebhookAsync(changed, None));

        AssertSameWebhook(changed with { CreatedBy = "admin", CreatedAt = T(0) }, await store.GetWebhookAsync("w1", None));
    }

    [Theory, MetadataBackends]
    public async Task UpdateWebhook_UnknownOrToATakenName_ChangesNothing(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1", "one"), None);
        await store.CreateWebhookAsync(Hook("w2", "two"), None);

        Assert.Equal(WebhookWriteResult.NotFound, await store.UpdateWebhookAsync(Hook("w3", "three"), None));
        Assert.Equal(WebhookWriteResult.NameTaken, await store.UpdateWebhookAsync(Hook("w2", "one") with { Url = "http://x.test/" }, None));
        Assert.Equal(WebhookWriteResult.Written, await store.UpdateWebhookAsync(Hook("w2", "two") with { Url = "http://y.test/" }, None));

        Assert.Equal(["one", "two"], (await store.ListWebhooksAsync(None)).Select(w => w.Name));
        Assert.Equal("http://y.test/", (await store.GetWebhookAsync("w2", None))!.Url);
        Assert.Null(await store.GetWebhookAsync("w3", None));
    }

    [Theory, MetadataBackends]
    public async Task DeleteWebhook_RemovesItAndItsDeliveries(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.CreateWebhookAsync(Hook("w2"), None);
        await store.EnqueueAsync([Event("e1", 0, "w1", "w2")], None);

        Assert.True(await store.DeleteWebhookAsync("w1", None));
        Assert.False(await store.DeleteWebhookAsync("w1", None));

        Assert.Null(await store.GetWebhookAsync("w1", None));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal(["w2"], (await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None)).Select(d => d.WebhookId));
    }

    [Theory, MetadataBackends]
    public async Task Enqueue_StoresOnePendingDeliveryPerNamedWebhook_ThatExistsAndIsEnabled(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.CreateWebhookAsync(Hook("w2"), None);
        await store.CreateWebhookAsync(Hook("off", enabled: false), None);
        var pull = new QueuedEvent("e2", T(3), EventActions.Pull, "team/base", "{\"id\":\"e2\",\"x\":\"\\u00e9\"}", ["w2"]);

        await store.EnqueueAsync([Event("e1", 2, "w1", "w2", "off", "deleted-long-ago"), pull, Event("e3", 4)], None);

        WebhookDelivery first = Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
        Assert.Equal(("e1", EventActions.Push, "team/app", "{\"id\":\"e1\"}"), (first.EventId, first.Action, first.Repository, first.Payload));
        Assert.Equal((DeliveryStatus.Pending, 0, (string?)null, (int?)null), (first.Status, first.Attempts, first.LastError, first.LastStatusCode));
        Assert.Equal((T(2), T(2), (DateTimeOffset?)null, (string?)null), (first.CreatedAt, first.NextAttemptAt, first.DeliveredAt, first.ClaimedBy));
        IReadOnlyList<WebhookDelivery> second = await store.ListDeliveriesAsync(new DeliveryQuery("w2"), None);
        Assert.Equal(["e2", "e1"], second.Select(d => d.EventId));
        Assert.Equal(("team/base", pull.Payload), (second[0].Repository, second[0].Payload));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("off"), None));
    }

    [Theory, MetadataBackends]
    public async Task Deliveries_AreCounted_AndPagedNewestFirstInBothDirections(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);
        await store.CreateWebhookAsync(Hook("w2"), None);
        await store.EnqueueAsync([.. Enumerable.Range(0, 7).Select(i => Event($"e{i}", i, "w1"))], None);
        await store.EnqueueAsync([Event("other", 9, "w2")], None);

        Assert.Equal(7, await store.CountDeliveriesAsync("w1", null, None));
        Assert.Equal(7, await store.CountDeliveriesAsync("w1", DeliveryStatus.Pending, None));
        Assert.Equal(0, await store.CountDeliveriesAsync("w1", DeliveryStatus.Delivered, None));
        IReadOnlyList<WebhookDelivery> first = await store.ListDeliveriesAsync(new DeliveryQuery("w1", Limit: 3), None);
        IReadOnlyList<WebhookDelivery> second = await store.ListDeliveriesAsync(new DeliveryQuery("w1", BeforeId: first[^1].Id, Limit: 3), None);
        IReadOnlyList<WebhookDelivery> back = await store.ListDeliveriesAsync(new DeliveryQuery("w1", Limit: 3, AfterId: second[0].Id), None);

        Assert.Equal(["e6", "e5", "e4"], first.Select(d => d.EventId));
        Assert.Equal(["e3", "e2", "e1"], second.Select(d => d.EventId));
        Assert.Equal(first.Select(d => d.Id), back.Select(d => d.Id));
        Assert.Equal(["e6"], (await store.ListDeliveriesAsync(new DeliveryQuery("w1", Limit: 3, AfterId: first[1].Id), None)).Select(d => d.EventId));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("w1", Limit: 3, AfterId: first[0].Id), None));
    }

    [Theory, MetadataBackends]
    public async Task Enqueue_TheSameEventTwice_StoresItOnce(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.CreateWebhookAsync(Hook("w1"), None);

        await store.EnqueueAsync([Event("e1", 0, "w1")], None);
        await store.EnqueueAsync([Event("e1", 0, "w1")], None);

        Assert.Single(await store.ListDeliveriesAsync(new DeliveryQuery("w1"), None));
    }

    [Theory, MetadataBackends]
    public async Task Enqueue_NothingOrEventsWithoutWebhooks_IsFine(MetadataBackend backend)
    {
        IEventStore store = await CreateStoreAsync(backend);
        await store.EnqueueAsync([], None);
        await store.EnqueueAsync([Event("e1", 0)], None);

        Assert.Empty(await store.ClaimDueDeliveriesAsync("n1", T(1), Lease, 10, None));
    }
}
