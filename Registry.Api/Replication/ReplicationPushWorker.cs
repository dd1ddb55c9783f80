using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Runs on-push rules: takes the tags queued since the last pass, and for each enabled push rule with the on-push
/// trigger runs it for the tags its filter selects. A rule running already (here or on another node) gets its tags
/// again after <see cref="RetryDelay"/>, so a push during a long run is still carried.
/// </summary>
internal sealed partial class ReplicationPushWorker(
    ReplicationPushQueue queue, IReplicationStore store, ReplicationRuns runs, TimeProvider time, ILogger<ReplicationPushWorker> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            var tags = new HashSet<(string Repository, string Tag)>();
            while (queue.Reader.TryRead(out (string, string) tag))
            {
                tags.Add(tag);
            }

            try
            {
                await RunRulesAsync(tags, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
    }

    private async Task RunRulesAsync(HashSet<(string Repository, string Tag)> tags, CancellationToken ct)
    {
        foreach (ReplicationRule rule in await store.ListReplicationRulesAsync(ct))
        {
            if (!rule.Enabled || !rule.Triggers.OnPush || rule.Direction != ReplicationDirection.Push)
            {
                continue;
            }

            var selected = tags.Where(t => rule.Filter.TakesRepository(t.Repository) && rule.Filter.TakesTag(t.Tag)).ToHashSet();
            if (selected.Count == 0)
            {
                continue;
            }

            ReplicationRun? run = await runs.RunAsync(new Actor(ActorKind.System, rule.ActorName), rule, "push", selected, ct);
            if (run is null)
            {
                _ = RequeueLaterAsync(selected, ct);
            }
        }
    }

    private async Task RequeueLaterAsync(IEnumerable<(string, string)> tags, CancellationToken ct)
    {
        try
        {
            await Task.Delay(RetryDelay, time, ct);
            foreach ((string, string) tag in tags)
            {
                queue.Writer.TryWrite(tag);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "An on-push replication pass failed; the tags it held are not retried")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
