using System.Threading.Channels;
using Registry.Core.Changes;

namespace Registry.Api.Replication;

/// <summary>
/// Hands every tag pushed or moved on this node (once committed) to the <see cref="ReplicationPushWorker"/>, which runs
/// the on-push rules that select it. Only the tag is queued; the rules are read when it is taken.
/// </summary>
internal sealed class ReplicationPushListener(ReplicationPushQueue queue) : IChangeListener
{
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ChangeRecord change in changes)
        {
            switch (change)
            {
                case ManifestPushed { Tag: { } tag } pushed:
                    queue.Writer.TryWrite((pushed.Repository.Value, tag.Value));
                    break;
                case TagPointed pointed:
                    queue.Writer.TryWrite((pointed.Repository.Value, pointed.Tag.Value));
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The tags waiting for on-push replication on this node.</summary>
internal sealed class ReplicationPushQueue
{
    private readonly Channel<(string Repository, string Tag)> _channel = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<(string Repository, string Tag)> Writer => _channel.Writer;

    public ChannelReader<(string Repository, string Tag)> Reader => _channel.Reader;
}
