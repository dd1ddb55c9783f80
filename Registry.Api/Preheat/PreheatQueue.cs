using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;

namespace Registry.Api.Preheat;

/// <summary>
/// The tags pushed on this node waiting for the preheat rules (<see cref="PreheatRuleWorker"/>): bounded by
/// <see cref="PreheatSettings.RuleQueueLength"/>; a push that finds it full is not preheated (and logged).
/// </summary>
internal sealed class PreheatQueue(IOptions<PreheatSettings> settings, ILogger<PreheatQueue> logger)
{
    private readonly Channel<(RepositoryName Repository, TagName Tag)> queue = Channel.CreateBounded<(RepositoryName, TagName)>(
        new BoundedChannelOptions(settings.Value.RuleQueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<(RepositoryName Repository, TagName Tag)> Reader => queue.Reader;

    public void Enqueue(RepositoryName repository, TagName tag)
    {
        if (!queue.Writer.TryWrite((repository, tag)))
        {
            PreheatLog.QueueFull(logger, repository.Value, tag.Value);
        }
    }
}
