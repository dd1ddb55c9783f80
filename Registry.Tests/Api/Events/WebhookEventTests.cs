using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// What the receiver gets for each action, in CNCF Distribution's format: the envelope's media type, a valid
/// signature, and each event's id, timestamp, action, target, request, actor and source.
/// </summary>
public sealed class WebhookEventTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    private static string Text(JsonElement element, string path)
    {
        JsonElement value = element;
        foreach (string part in path.Split('.'))
        {
            if (!value.TryGetProperty(part, out value))
            {
                return "(absent)";
            }
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    private static bool Has(JsonElement element, string property) => element.TryGetProperty(property, out _);

    [Fact]
    public async Task ManifestPush_SendsAPushEvent_InDistributionsFormat_Signed()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        await registry.CreateWebhookAsync(receiver, ns);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using HttpClient client = registry.Basic("admin", Registry.Tests.Api.RegistryApiFactory.AdminPassword, "192.0.2.44");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("event-test/1.0");

        PushedManifest pushed = await client.PushImageAsync($"{ns}/app", "1.0");

        ReceivedWebhook received = (await receiver.WaitForAcceptedAsync(r => r.Count >= 1, WebhookRegistry.Patience, "the push event"))[0];
        Assert.Equal("application/vnd.docker.distribution.events.v1+json", received.ContentType);
        Assert.True(received.SignatureValid, $"signature {received.Signature} does not verify");
        Assert.Matches("^sha256=[0-9a-f]{64}$", received.Signature);
        JsonElement e = Assert.Single(received.Events());
        Assert.Equal(received.EventId, Text(e, "id"));
        Assert.Equal("1", received.Attempt);
        Assert.False(string.IsNullOrEmpty(received.DeliveryId));
        Assert.Equal("push", Text(e, "action"));
        DateTimeOffset timestamp = DateTimeOffset.Parse(Text(e, "timestamp"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.EndsWith("Z", Text(e, "timestamp"), StringComparison.Ordinal);

        JsonElement target = e.GetProperty("target");
        Assert.Equal(MediaTypes.OciManifest, Text(target, "mediaType"));
        Assert.Equal(pushed.Digest, Text(target, "digest"));
        Assert.Equal(pushed.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(target, "size"));
        Assert.Equal(Text(target, "size"), Text(target, "length"));
        Assert.Equal($"{ns}/app", Text(target, "repository"));
        Assert.Equal("1.0", Text(target, "tag"));
        Assert.Equal($"http://localhost/v2/{ns}/app/manifests/{pushed.Digest}", Text(target, "url"));
        JsonElement[] references = [.. target.GetProperty("references").EnumerateArray()];
        Assert.Equal([MediaTypes.OciConfig, MediaTypes.OciLayer], references.Select(r => Text(r, "mediaType")));
        Assert.All(references, r => Assert.StartsWith("sha256:", Text(r, "digest"), StringComparison.Ordinal));

        JsonElement request = e.GetProperty("request");
        Assert.Equal("PUT", Text(request, "method"));
        Assert.Equal("event-test/1.0", Text(request, "useragent"));
        Assert.Equal("localhost", Text(request, "host"));
        Assert.StartsWith("192.0.2.44:", Text(request, "addr"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Text(request, "id")));
        Assert.Equal("admin", Text(e, "actor.name"));
        Assert.False(string.IsNullOrEmpty(Text(e, "source.instanceID")));
        Assert.Contains(':', Text(e, "source.addr"));
    }

    [Fact]
    public async Task ManifestGet_SendsAPullEvent_ButHeadAndNotModifiedDoNot()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        PushedManifest pushed = await registry.PushImageAsync(repository, "v1");
        string webhook = await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "pull" } });

        (await registry.Admin.HeadAsync($"/v2/{repository}/manifests/v1")).Dispose();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/v1");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", $"\"{pushed.Digest}\"");
        using HttpResponseMessage notModified = await registry.Admin.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        (await registry.Admin.GetAsync($"/v2/{repository}/manifests/v1")).Dispose();
        (await registry.Admin.GetAsync($"/v2/{repository}/manifests/{pushed.Digest}")).Dispose();

        await registry.SettledDeliveriesAsync(webhook, 2);
        IReadOnlyList<JsonElement> events = receiver.AcceptedEvents();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("pull", Text(e, "action")));
        Assert.All(events, e => Assert.Equal("GET", Text(e, "request.method")));
        Assert.All(events, e => Assert.Equal(pushed.Digest, Text(e, "target.digest")));
        Assert.Equal(["(absent)", "v1"], events.Select(e => Text(e, "target.tag")).Order());
        Assert.All(events, e => Assert.False(Has(e.GetProperty("target"), "references")));
    }

    [Fact]
    public async Task Deletes_SendDeleteEvents_NamingOnlyWhatWasDeleted()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/app";
        PushedManifest kept = await registry.PushImageAsync(repository, "kept");
        PushedManifest removed = await registry.PushImageAsync(repository, "removed");
        string blob = await registry.Admin.PushBlobAsync(repository, Digests.RandomBytes(40));
        string webhook = await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "delete" } });

        (await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/kept")).Dispose();
        (await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/{removed.Digest}")).Dispose();
        (await registry.Admin.DeleteAsync($"/v2/{repository}/blobs/{blob}")).Dispose();
        await registry.PushImageAsync(repository, "again");
        (await registry.Admin.DeleteAsync($"/api/v1/repositories/{repository}/tags/again")).Dispose();
        (await registry.Admin.DeleteAsync($"/v2/{repository}/manifests/never-was")).Dispose();

        await registry.SettledDeliveriesAsync(webhook, 4);
        var targets = receiver.AcceptedEvents().Select(e => (Text(e, "action"), Text(e, "target.digest"), Text(e, "target.tag"), Text(e, "target.repository"))).ToList();
        Assert.Equal(4, targets.Count);
        Assert.Contains(("delete", "(absent)", "kept", repository), targets);
        Assert.Contains(("delete", removed.Digest, "(absent)", repository), targets);
        Assert.Contains(("delete", blob, "(absent)", repository), targets);
        Assert.Contains(("delete", "(absent)", "again", repository), targets);
        Assert.DoesNotContain(kept.Digest, targets.Select(t => t.Item2));
    }

    [Fact]
    public async Task CrossRepositoryMount_SendsAMountEvent_WithFromRepository()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        byte[] content = Digests.RandomBytes(300);
        string digest = await registry.Admin.PushBlobAsync($"{ns}/source", content);
        string webhook = await registry.CreateWebhookAsync(receiver, ns);

        using HttpResponseMessage mount = await registry.Admin.PostAsync($"/v2/{ns}/target/blobs/uploads/?mount={digest}&from={ns}/source", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        using HttpResponseMessage sameRepository = await registry.Admin.PostAsync($"/v2/{ns}/target/blobs/uploads/?mount={digest}&from={ns}/target", null);
        Assert.Equal(HttpStatusCode.Created, sameRepository.StatusCode);

        await registry.SettledDeliveriesAsync(webhook, 1);
        JsonElement e = Assert.Single(receiver.AcceptedEvents());
        Assert.Equal("mount", Text(e, "action"));
        Assert.Equal((digest, "300", "300", $"{ns}/target", $"{ns}/source"),
            (Text(e, "target.digest"), Text(e, "target.size"), Text(e, "target.length"), Text(e, "target.repository"), Text(e, "target.fromRepository")));
        Assert.Equal($"http://localhost/v2/{ns}/target/blobs/{digest}", Text(e, "target.url"));
    }

    [Fact]
    public async Task TagsTheRegistryMoves_FloatingAndRestored_SendTagEvents()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string repository = $"{ns}/java";
        await Tags.TagApi.SetFloatingAsync(registry.Admin, repository, floatingTags: true, floatLatest: true);
        PushedManifest first = await registry.PushImageAsync(repository, "17.0.1");
        string webhook = await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "tag" } });

        PushedManifest second = await registry.PushImageAsync(repository, "17.0.2");
        using (HttpResponseMessage restored = await Tags.TagApi.RestoreAsync(registry.Admin, repository, "17", first.Digest))
        {
            await OciAssert.SuccessAsync(restored, HttpStatusCode.OK);
        }

        await registry.SettledDeliveriesAsync(webhook, 4);
        var moves = receiver.AcceptedEvents().Select(e => (Text(e, "action"), Text(e, "target.tag"), Text(e, "target.digest"), Text(e, "target.mediaType"))).ToList();
        Assert.Equal(4, moves.Count);
        Assert.Contains(("tag", "17", second.Digest, MediaTypes.OciManifest), moves);
        Assert.Contains(("tag", "17.0", second.Digest, MediaTypes.OciManifest), moves);
        Assert.Contains(("tag", "latest", second.Digest, MediaTypes.OciManifest), moves);
        Assert.Contains(("tag", "17", first.Digest, MediaTypes.OciManifest), moves);
        Assert.DoesNotContain(moves, m => m.Item2 == "17.0.2");
    }

    [Fact]
    public async Task AnonymousPull_HasAnActorWithoutName_AsDistributionSends()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        await registry.PushImageAsync($"{ns}/app", "v1");
        await registry.SetPublicAsync("namespace", ns);
        string webhook = await registry.CreateWebhookAsync(receiver, ns);

        using HttpClient anonymous = registry.Anonymous();
        using HttpResponseMessage pulled = await anonymous.GetAsync($"/v2/{ns}/app/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);

        await registry.SettledDeliveriesAsync(webhook, 1);
        JsonElement e = Assert.Single(receiver.AcceptedEvents());
        Assert.Equal("{}", e.GetProperty("actor").GetRawText());
    }
}
