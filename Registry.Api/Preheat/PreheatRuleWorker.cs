using Registry.Core.Preheat;

namespace Registry.Api.Preheat;

/// <summary>
/// Runs the preheat rules for the tags pushed on this node, one tag at a time, in the order they were pushed
/// (<see cref="PreheatService.PreheatPushedAsync"/>). Per node, not leased: the node that took a push preheats it, so
/// each push is preheated once; a push still queued when its node stops is not preheated (docs/preheat.md).
/// </summary>
internal sealed class PreheatRuleWorker(PreheatQueue queue, PreheatService preheat, ILogger<PreheatRuleWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach ((Core.Primitives.RepositoryName repository, Core.Primitives.TagName tag) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await preheat.PreheatPushedAsync(repository, tag, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                PreheatLog.RuleFailed(logger, "*", repository.Value, tag.Value, e.Message);
            }
        }
    }
}
