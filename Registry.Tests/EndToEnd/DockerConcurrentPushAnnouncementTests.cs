using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// From the outside, on the embedded defaults (SQLite): concurrent docker pushes get no 5xx (the registry's own request
/// counters say so), and what the audit log records and what webhooks announce are the same changes — every push and
/// every tag delete once in each, with the same repository, tag and digest.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed partial class DockerConcurrentPushAnnouncementTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-concurrent-")
{
    private const int Images = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public override Task InitializeAsync() => StartAsync(new Dictionary<string, string>
    {
        ["Registry__Webhooks__PollInterval"] = "00:00:00.200",
        ["Registry__Webhooks__InitialBackoff"] = "00:00:00.500",
    });

    [EndToEndFact]
    public async Task ConcurrentDockerPushes_OnSqlite_GetNo5xx_AndAuditAndWebhooksNameTheSameChanges()
    {
        var ct = CancellationToken.None;
        await using var receiver = new WebhookReceiver("concurrent-webhook-secret-0123456789");
        await receiver.StartAsync();
        using HttpClient http = Registry.CreateClient();
        await new WebhookApi(http).CreateAsync("concurrent", receiver, ct);
        await docker.LoginAsync(Registry);

        string[] images = [.. Enumerable.Range(0, Images).Select(i => $"{Registry.HostPort}/team/app-{i}:1")];
        for (int i = 0; i < Images; i++)
        {
            DockerBuildContext context = await DockerBuildContext.WriteAsync(Work.Combine($"context-{i}"), seed: 700 + i, ct);
            await DockerImages.BuildAsync(docker, context, images[i]);
        }

        (string Output, string Digest)[] pushed = await Task.WhenAll(images.Select(image => DockerImages.PushAsync(docker, image)));
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage deleted = await http.DeleteAsync($"api/v1/repositories/team/app-{i}/tags/1", ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var expectedPushes = Enumerable.Range(0, Images).Select(i => ($"team/app-{i}", "1", pushed[i].Digest)).ToHashSet();
        var expectedDeletes = new HashSet<(string, string)> { ("team/app-0", "1"), ("team/app-1", "1") };
        await receiver.WaitForAcceptedAsync(_ => Pushes(receiver).IsSupersetOf(expectedPushes) && TagDeletes(receiver).IsSupersetOf(expectedDeletes),
            Patience, "a push event per image and a delete event per deleted tag");

        // Webhooks: each change once.
        List<JsonElement> events = [.. receiver.AcceptedEvents().Where(e => Action(e) is "push" or "delete")];
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(expectedPushes, Pushes(receiver));
        Assert.Equal(expectedDeletes, TagDeletes(receiver));

        // The audit log: the same changes, once each.
        List<JsonElement> audit = await AuditAsync(http, ct);
        var auditPushes = audit.Where(e => e.GetProperty("action").GetString() == "manifest.push")
            .Select(e => (Target: e.GetProperty("target").GetString()!, Detail: e.GetProperty("detail").GetString()))
            .ToList();
        Assert.Equal(Images, auditPushes.Count);
        Assert.Equal(expectedPushes.Select(p => ($"{p.Item1}:{p.Item2}", (string?)p.Item3)).ToHashSet(), auditPushes.ToHashSet());
        Assert.Equal(
            expectedDeletes.Select(d => $"{d.Item1}:{d.Item2}").Order(),
            audit.Where(e => e.GetProperty("action").GetString() == "tag.delete").Select(e => e.GetProperty("target").GetString()!).Order());

        // No request of the whole run was answered with a 5xx.
        string metrics = await http.GetStringAsync("metrics", ct);
        var serverErrors = ServerErrorCounter().Matches(metrics).Where(m => double.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0).Select(m => m.Value).ToList();
        Assert.True(serverErrors.Count == 0, "5xx answers: " + string.Join('\n', serverErrors));
        Assert.Matches(@"registry_http_requests_total\{[^}]*status=""201""[^}]*\} [1-9]", metrics);
    }

    private static string? Action(JsonElement e) => e.GetProperty("action").GetString();

    private static string? Target(JsonElement e, string name) => e.GetProperty("target").TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    private static HashSet<(string, string, string)> Pushes(WebhookReceiver receiver)
        => [.. receiver.AcceptedEvents().Where(e => Action(e) == "push" && Target(e, "tag") is not null)
            .Select(e => (Target(e, "repository")!, Target(e, "tag")!, Target(e, "digest")!))];

    private static HashSet<(string, string)> TagDeletes(WebhookReceiver receiver)
        => [.. receiver.AcceptedEvents().Where(e => Action(e) == "delete" && Target(e, "tag") is not null)
            .Select(e => (Target(e, "repository")!, Target(e, "tag")!))];

    private static async Task<List<JsonElement>> AuditAsync(HttpClient http, CancellationToken ct)
    {
        using JsonDocument page = JsonDocument.Parse(await http.GetStringAsync("api/v1/audit?limit=500", ct));
        return [.. page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    [GeneratedRegex(@"registry_http_requests_total\{[^}]*status=""5\d\d""[^}]*\} (?<count>[0-9.e+]+)")]
    private static partial Regex ServerErrorCounter();
}
