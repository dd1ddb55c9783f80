using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Events;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// The change feed is an outbox: a change is stored in one transaction with what it implies (its audit entry, its
/// webhook deliveries). When the response comes, both are in the store already (nothing waits in a node's memory to
/// be lost with it), and a change whose announcement cannot be written is not stored at all.
/// </summary>
public sealed class ChangeOutboxTests(ChangeOutboxTests.OutboxRegistry registry) : IClassFixture<ChangeOutboxTests.OutboxRegistry>
{
    [Fact]
    public async Task ATagDelete_IsStoredWithItsAuditEntryAndItsWebhookDelivery()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        string webhook = await CreateWebhookAsync(receiver, ns);
        await registry.PushImageAsync(repository, "old");

        using (HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/old"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        // Read from the store itself, at once: no batch of this node's memory stands between the change and them.
        IReadOnlyList<AuditEntry> audit = await registry.Service<IAccessStore>().ListAuditAsync(new AuditQuery(Action: "tag.delete", TargetPrefix: $"{repository}:old"), CancellationToken.None);
        Assert.Equal("admin", Assert.Single(audit).Actor);
        IReadOnlyList<WebhookDelivery> deliveries = await registry.Service<IEventStore>().ListDeliveriesAsync(new DeliveryQuery(webhook), CancellationToken.None);
        WebhookDelivery delivery = Assert.Single(deliveries);
        Assert.Equal("delete", delivery.Action);
        Assert.Contains("\"tag\":\"old\"", delivery.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeWhoseAnnouncementCannotBeWritten_IsNotStored()
    {
        string repository = $"{AuthRegistry.UniqueName("ns")}/app";
        await registry.PushImageAsync(repository, "kept");
        FailingRecorder recorder = registry.Service<FailingRecorder>();

        recorder.FailFor = repository;
        try
        {
            using HttpResponseMessage refused = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/kept");
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }
        finally
        {
            recorder.FailFor = null;
        }

        using (HttpResponseMessage still = await registry.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/kept")))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        Assert.Empty(await registry.Service<IAccessStore>().ListAuditAsync(new AuditQuery(Action: "tag.delete", TargetPrefix: $"{repository}:kept"), CancellationToken.None));

        using (HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/kept"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        Assert.Single(await registry.Service<IAccessStore>().ListAuditAsync(new AuditQuery(Action: "tag.delete", TargetPrefix: $"{repository}:kept"), CancellationToken.None));
    }

    private async Task<string> CreateWebhookAsync(WebhookReceiver receiver, string ns)
    {
        using HttpResponseMessage response = await registry.Admin.PostAsync("/api/v1/webhooks", System.Net.Http.Json.JsonContent.Create(new
        {
            name = AuthRegistry.UniqueName("hook"),
            url = receiver.Url,
            secret = receiver.Secret,
            namespaces = new[] { ns },
            actions = new[] { "delete" },
        }));
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A recorder that fails, while <see cref="FailFor"/> names a repository, on the changes to it (a full disk, a lost connection).</summary>
    public sealed class FailingRecorder : IChangeRecorder
    {
        public volatile string? FailFor;

        public ValueTask RecordAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
            => FailFor is { } repository && changes.OfType<RepositoryChange>().Any(c => c.Repository.Value == repository)
                ? throw new IOException($"the announcement of a change to {repository} could not be written")
                : ValueTask.CompletedTask;
    }

    public sealed class OutboxRegistry() : AuthRegistry(
        new Dictionary<string, string> { ["Registry:Webhooks:PollInterval"] = "00:00:00.100" },
        services => services.AddSingleton<FailingRecorder>().AddSingleton<IChangeRecorder>(sp => sp.GetRequiredService<FailingRecorder>()));
}
