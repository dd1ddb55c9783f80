using System.Threading.Channels;

namespace Registry.Api.Replication;

/// <summary>The deletions waiting for on-push rules that propagate deletes, on this node.</summary>
internal sealed class ReplicationDeleteQueue
{
    private readonly Channel<(string Repository, string Tag)> _channel = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<(string Repository, string Tag)> Writer => _channel.Writer;

    public ChannelReader<(string Repository, string Tag)> Reader => _channel.Reader;
}
